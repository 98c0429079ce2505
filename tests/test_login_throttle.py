"""Admin logins are throttled per account and per address: guessing stops after a few tries, with a clear
message, and an editor's unlock lets the owner back in."""

import pytest
from django.core.management import call_command

LOGIN = "/admin/login/"


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def test_wrong_passwords_lock_the_account_until_an_editor_unlocks_it(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "eden", f"guess-{attempt}")
    refused = log_in(client, "eden", "eden-password")
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    call_command("axes_reset_username", "eden", verbosity=0)
    welcomed = log_in(client, "eden", "eden-password")
    assert welcomed.status_code == 302 and welcomed["Location"] == "/admin/"


def test_guessing_many_accounts_from_one_address_locks_that_address(client, editor, reporter, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"someone-{attempt}", "password")
    assert log_in(client, "eden", "eden-password").status_code == 429
    # The owner elsewhere is not locked out by someone else's guessing.
    assert log_in(client, "eden", "eden-password", address="198.51.100.4").status_code == 302


@pytest.mark.parametrize("wrong", [1, 2])
def test_a_few_mistakes_then_the_right_password_still_work(client, editor, wrong):
    for attempt in range(wrong):
        assert log_in(client, "eden", f"typo-{attempt}").status_code == 200
    assert log_in(client, "eden", "eden-password").status_code == 302


def test_the_address_is_the_one_the_trusted_proxy_saw(client, editor, settings):
    settings.PROXY_COUNT = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": f"x{attempt}", "password": "p"}, HTTP_X_FORWARDED_FOR="192.0.2.66")
    # Another reader behind the same proxy (same REMOTE_ADDR) can still log in.
    ok = client.post(LOGIN, {"username": "eden", "password": "eden-password"}, HTTP_X_FORWARDED_FOR="192.0.2.67")
    assert ok.status_code == 302
