"""Operators configure Newsroom from the environment; production settings pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    "SECRET_KEY": "a-production-secret-" + "x" * 50,
    "ALLOWED_HOSTS": "news.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


# Production is either app servers on several machines sharing a Redis, or every app server on one machine.
SEVERAL_MACHINES = {"REDIS_URL": "redis://redis.example.com:6379/0"}
ONE_MACHINE = {"SINGLE_MACHINE": "1"}


@pytest.mark.parametrize("shape", [SEVERAL_MACHINES, ONE_MACHINE], ids=["several machines", "one machine"])
def test_production_settings_pass_check_deploy(shape):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **shape})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_shared_cache_must_say_it_runs_on_one_machine():
    """Servers on two machines, each with its own disk cache, would show each other's edits late or never."""
    result = manage("check", "--deploy", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "newsroom.E002" in result.stderr
    assert "Set REDIS_URL" in result.stderr and "SINGLE_MACHINE=1" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_database_url_selects_the_database():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://newsroom@db.example.com:5432/newsroom"}
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['HOST'], d['NAME'])"
    )
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT, env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.stdout.split() == ["django.db.backends.postgresql", "db.example.com", "newsroom"]


def test_redis_url_puts_the_cache_on_redis():
    env = {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/3"}
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], cwd=ROOT, env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.stdout.strip() == "django_redis.cache.RedisCache"


def test_demo_accounts_get_fresh_passwords_that_work(db, settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    out = capsys.readouterr().out
    passwords = dict((line.split()[2], line.split()[4]) for line in out.splitlines() if "username:" in line)
    User = get_user_model()
    assert set(passwords) == {"reporter", "editor"}
    for username, password in passwords.items():
        user = User.objects.get(username=username)
        assert user.is_staff and user.check_password(password)
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="reporter").groups.filter(name="Reporters").exists()
