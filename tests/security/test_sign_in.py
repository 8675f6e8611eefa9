"""Password guessing is slowed per address and per account, and cannot lock a real user out."""

from __future__ import annotations

import pytest

from tests.conftest_web import PASSWORD
from tests.security.live import Browser, ServeProcess, copy_data

pytestmark = pytest.mark.slow  # live servers and processes; still run in CI


@pytest.fixture(scope="module")
def site(security_data, tmp_path_factory):
    process = ServeProcess(copy_data(security_data, tmp_path_factory.mktemp("sign-in") / "data"))
    yield process
    process.stop()


def test_forty_guesses_from_one_address_are_held_back_after_ten(site):
    guesser = Browser("127.0.0.20")
    statuses = [guesser.sign_in(site, f"name{n}", "wrong password").status for n in range(40)]
    assert statuses[:10] == [401] * 10 and set(statuses[10:]) == {429}
    held = guesser.sign_in(site, "ed", PASSWORD)  # even the right password waits: no oracle
    assert held.status == 429 and "Too many failed sign-ins from your address" in held.text
    assert int(held.headers["retry-after"]) > 60


def test_guessing_one_account_cannot_lock_out_its_owner(site):
    owner = Browser("127.0.0.30")
    assert owner.sign_in(site, "rita", PASSWORD).status == 302  # her usual browser, now trusted
    for address, guesses in (("127.0.0.31", 3), ("127.0.0.32", 2)):  # guesses spread over addresses
        for _ in range(guesses):
            assert Browser(address).sign_in(site, "rita", "guess guess").status == 401
    stranger = Browser("127.0.0.33")
    held = stranger.sign_in(site, "rita", "guess guess")
    assert held.status == 429 and "for this account" in held.text
    assert stranger.sign_in(site, "rita", PASSWORD).status == 429  # a new browser waits too
    owner.request(site, "POST", "/logout")
    assert owner.sign_in(site, "rita", PASSWORD).status == 302  # but her own browser signs in
    assert Browser("127.0.0.34").sign_in(site, "ivy", PASSWORD).status == 302  # other accounts unaffected


def test_held_back_attempts_are_allowed_again_once_the_window_passes():
    import time

    from webui.sign_in_throttle import SignInThrottle, SignInThrottled, ThrottleLimits

    throttle = SignInThrottle(ThrottleLimits(per_address=2, per_account=5, window=0.3))
    for _ in range(2):
        throttle.check("ana", "10.0.0.1", trusted_device=False)
        throttle.failed("ana", "10.0.0.1", trusted_device=False)
    with pytest.raises(SignInThrottled) as held:
        throttle.check("ana", "10.0.0.1", trusted_device=False)
    assert held.value.retry_after >= 1
    throttle.check("ana", "10.0.0.2", trusted_device=False)  # another address is not held back
    time.sleep(0.35)
    throttle.check("ana", "10.0.0.1", trusted_device=False)


def test_a_forged_or_foreign_device_cookie_is_not_trusted():
    from webui.sign_in_throttle import device_cookie, device_serializer, trusted_device

    ours = device_serializer("k" * 32)
    cookie = device_cookie(ours, None, "rita")
    assert trusted_device(ours, cookie, "rita")
    assert not trusted_device(ours, cookie, "ivy")  # issued for another account
    assert not trusted_device(device_serializer("x" * 32), cookie, "rita")  # signed with another key
    assert not trusted_device(ours, cookie[:-2] + "AA", "rita")  # tampered
