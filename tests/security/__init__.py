"""The adversarial suite: every threat of docs/security.md against a live ``precedent serve`` process."""
