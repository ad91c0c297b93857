from __future__ import annotations

from pathlib import Path

import pytest

from leaktrace.errors import (
    BinaryInputError,
    CsvFormatError,
    EmptyInputError,
    InputError,
    TooLargeError,
)
from leaktrace.store import RecipientRow, Store
from leaktrace.store.csvimport import parse_recipients_csv, read_recipients_csv

GOOD = "id,name,email,groups\njs,J. Smith,j@example.org,board;legal\nak,A. Khan,a@example.org,\n"


def test_csvimport_parses_rows_groups_bom_and_crlf() -> None:
    data = ("\ufeff" + GOOD.replace("\n", "\r\n")).encode("utf-8")
    data += b'"mb","Brown, M.",m@example.org,board | board|press\r\n'
    assert parse_recipients_csv(data) == [
        RecipientRow("js", "J. Smith", "j@example.org", ("board", "legal")),
        RecipientRow("ak", "A. Khan", "a@example.org", ()),
        RecipientRow("mb", "Brown, M.", "m@example.org", ("board", "press")),
    ]


def test_csvimport_without_groups_column_leaves_groups_alone() -> None:
    rows = parse_recipients_csv(b" ID , Name,EMAIL\n\njs,J. Smith,j@example.org\n\n")
    assert rows == [RecipientRow("js", "J. Smith", "j@example.org", None)]


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"id,name\njs,J\n", CsvFormatError, r"row 1 \(header\): missing column 'email'"),
        (b"js,J. Smith,j@example.org\n", CsvFormatError, "missing column 'id'"),
        (b"id,name,email,group\n", CsvFormatError, "unknown column 'group'"),
        (b"id,name,email\n,J,j@example.org\n", CsvFormatError, "row 2, column id: empty id"),
        (
            b"id,name,email\njs,J,j@example.org\nak,A,a@example.org\njs,K,k@example.org\n",
            CsvFormatError,
            r"row 4, column id: duplicate id 'js' \(first on row 2\)",
        ),
        (b"id,name,email\njs,J,j@example\n", CsvFormatError, "row 2, column email: 'j@example'"),
        (b"id,name,email\njs,J\n", CsvFormatError, "row 2 has 2 fields but the header has 3"),
        (b'id,name,email\njs,J,"j@x.org\n', CsvFormatError, "row 2"),
        (b"id,name,email\njs,J\xe9r\xf4me,j@x.org\n", BinaryInputError, r"not UTF-8.*row 2, byte"),
        (b"PK\x03\x04\x00\x00binary", BinaryInputError, "binary data"),
        (b"", EmptyInputError, "is empty"),
        (b"\n\n", EmptyInputError, "is empty"),
    ],
)
def test_csvimport_rejects_malformed_file_and_writes_nothing(
    store: Store, data: bytes, error: type[InputError], message: str
) -> None:
    store.upsert_recipients([RecipientRow("old", "Old", "old@example.org", ("keep",))])
    before = store.all_recipients()
    with pytest.raises(error, match=message):
        store.upsert_recipients(parse_recipients_csv(data, source="people.csv"))
    assert store.all_recipients() == before


def test_csvimport_reports_several_problems_at_once() -> None:
    data = b"id,name,email\n,A,a@x.org\nb,,b@x.org\nc,C,nope\nd,D,d@x.org\n"
    with pytest.raises(CsvFormatError) as caught:
        parse_recipients_csv(data, source="people.csv")
    message = str(caught.value)
    assert message.startswith("people.csv: row 2, column id: empty id; row 3, column name")
    assert "row 4, column email: 'nope'" in message
    assert "Nothing was imported" in message


def test_csvimport_refuses_oversized_input(tmp_path: Path) -> None:
    with pytest.raises(TooLargeError, match=r"over the 10-byte limit.*LEAKTRACE_MAX_INPUT_BYTES"):
        parse_recipients_csv(GOOD.encode(), max_bytes=10)
    path = tmp_path / "people.csv"
    path.write_text(GOOD)
    with pytest.raises(TooLargeError, match=r"people\.csv"):
        read_recipients_csv(path, max_bytes=10)
    assert len(read_recipients_csv(path)) == 2


def test_csvimport_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read recipients CSV"):
        read_recipients_csv(tmp_path / "absent.csv")


def test_csvimport_reimport_updates_without_duplicates(store: Store) -> None:
    assert store.upsert_recipients(parse_recipients_csv(GOOD.encode())) == (2, 0)
    edited = GOOD.replace("J. Smith", "Jo Smith").replace("board;legal", "press")
    assert store.upsert_recipients(parse_recipients_csv(edited.encode())) == (0, 1)
    js, _ = store.all_recipients()
    assert (js.number, js.name, js.groups) == (1, "Jo Smith", ("press",))
    assert store.count_recipients() == 2
