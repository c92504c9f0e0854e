"""Tests of PostgreSQL URLs: reading them into libpq parameters and hiding the password wherever they are shown."""

import pytest

from anken_tui.db.url import DatabaseUrlError, is_postgres_url, parse_postgres_url, redact_url, scrub


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://yamaguchi:secret@127.0.0.1:5432/anken", "postgresql://yamaguchi:***@127.0.0.1:5432/anken"),
        ("postgresql://yamaguchi@127.0.0.1:5432/anken", "postgresql://yamaguchi@127.0.0.1:5432/anken"),
        ("postgres://yamaguchi:p%40ss%2Fword@db.example/anken", "postgres://yamaguchi:***@db.example/anken"),
        ("postgresql://yamaguchi:@127.0.0.1/anken", "postgresql://yamaguchi:***@127.0.0.1/anken"),
        ("postgresql:///anken?host=/run/postgresql", "postgresql:///anken?host=/run/postgresql"),
        ("postgresql://127.0.0.1/anken?user=ya&password=secret", "postgresql://127.0.0.1/anken?user=ya&password=***"),
    ],
)
def test_redact_url(url, shown):
    assert redact_url(url) == shown


def test_redact_unsplittable_value_hides_all():
    assert redact_url("postgresql://ya:secret@[::1/anken") == "***"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("postgresql://a@b/c", True),
        ("POSTGRES://a@b/c", True),
        (" postgresql://a@b/c ", True),
        ("sqlite:///tmp/anken.db", False),
        ("/home/yamaguchi/anken.db", False),
        ("postgresql:/missing-slashes", False),
    ],
)
def test_is_postgres_url(value, expected):
    assert is_postgres_url(value) is expected


def test_parse_decodes_every_part():
    target = parse_postgres_url("postgresql://%E5%B1%B1%E5%8F%A3:p%40ss%2Fword@DB.Example:6543/%E6%A1%88%E4%BB%B6")

    assert target.dbname == "案件"
    assert target.parameters == {"user": "山口", "password": "p@ss/word", "host": "DB.Example", "port": "6543"}
    assert target.password == "p@ss/word"
    assert "p@ss" not in target.redacted


def test_parse_passes_query_parameters():
    target = parse_postgres_url("postgresql://yamaguchi@127.0.0.1/anken?sslmode=require&connect_timeout=3")

    assert target.parameters["sslmode"] == "require"
    assert target.parameters["connect_timeout"] == "3"


def test_parse_socket_folder_keeps_case():
    target = parse_postgres_url("postgresql://yamaguchi@%2FRun%2Fpostgresql/anken")

    assert target.parameters["host"] == "/Run/postgresql"
    assert "port" not in target.parameters


def test_parse_ipv6_host():
    target = parse_postgres_url("postgresql://yamaguchi@[::1]:5432/anken")

    assert target.parameters["host"] == "::1"
    assert target.parameters["port"] == "5432"


def test_parse_dbname_from_query():
    target = parse_postgres_url("postgresql://yamaguchi@127.0.0.1?dbname=anken")

    assert target.dbname == "anken"
    assert "dbname" not in target.parameters


def test_parse_without_password_leaves_it_to_libpq():
    target = parse_postgres_url("postgresql://yamaguchi@127.0.0.1/anken")

    assert target.password is None
    assert "password" not in target.parameters


def test_parse_missing_database_rejected():
    with pytest.raises(DatabaseUrlError) as raised:
        parse_postgres_url("postgresql://yamaguchi:secret@127.0.0.1:5432/")

    assert "データベース名がありません" in raised.value.message
    assert "secret" not in raised.value.message


def test_parse_bad_port_rejected():
    with pytest.raises(DatabaseUrlError) as raised:
        parse_postgres_url("postgresql://yamaguchi:secret@127.0.0.1:54x/anken")

    assert "ポート番号" in raised.value.message
    assert "secret" not in raised.value.message


def test_parse_other_scheme_rejected():
    with pytest.raises(DatabaseUrlError):
        parse_postgres_url("mysql://yamaguchi:secret@127.0.0.1/anken")


def test_scrub_hides_password_in_text():
    target = parse_postgres_url("postgresql://yamaguchi:hunter2@127.0.0.1/anken")

    assert scrub('FATAL: bad "hunter2" here', target) == 'FATAL: bad "***" here'
    assert scrub("nothing to hide", parse_postgres_url("postgresql://yamaguchi@127.0.0.1/anken")) == "nothing to hide"
