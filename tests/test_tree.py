"""The document tree's plain node classes: fields, defaults, repr, as_data."""

from __future__ import annotations

import inspect

import pytest

from generator.tree import Document, Heading, Header, Imprint, Node, Paragraph, Table, as_data

NODES = [Heading, Paragraph, Table, Imprint, Header, Document]


@pytest.mark.parametrize("cls", NODES, ids=lambda c: c.__name__)
def test_fields_are_the_constructors_parameters_in_order(cls):
    assert tuple(inspect.signature(cls).parameters) == cls.FIELDS
    assert all(issubclass(c, Node) for c in NODES)


def test_list_defaults_are_fresh_for_each_node_and_a_given_list_is_kept():
    a, b = Document(), Document()
    assert a.blocks == [] and a.blocks is not b.blocks and a.facts is not b.facts
    blocks: list = []
    doc = Document(blocks=blocks)
    blocks.append(Paragraph("正文"))
    assert doc.blocks is blocks and len(doc.blocks) == 1
    assert Table([["a"]]).widths == [] and Header().issuers == []


def test_nodes_compare_by_identity_and_can_key_a_dict():
    one, two = Paragraph("同一段", 3), Paragraph("同一段", 3)
    assert one != two and len({one: 1, two: 2}) == 2


def test_repr_names_every_field():
    assert repr(Heading(1, "总体情况", line=4)) == (
        "Heading(level=1, title='总体情况', runin=False, body='', line=4, number='')"
    )


def test_as_data_is_plain_and_deep():
    doc = Document("标题", blocks=[Paragraph("正文", 2)], imprint=Imprint(cc="各部门"), annex_source=[(5, "附件")])
    data = as_data(doc)
    assert data["blocks"] == [{"text": "正文", "line": 2}]
    assert data["imprint"]["cc"] == "各部门" and data["annex_source"] == [[5, "附件"]]
    assert set(data) == set(Document.FIELDS)
