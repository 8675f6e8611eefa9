"""The adversarial suite: each test is an attack on a defence named in docs/security.md."""
