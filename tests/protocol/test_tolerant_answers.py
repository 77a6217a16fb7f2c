"""A laptop one release behind the office keeps syncing: every answer the office sends
ignores keys this version does not know (a newer office adding a field, as the conflict
sides did), while every request stays strict, so the office still refuses what it does
not know."""

from __future__ import annotations

import inspect
import json

import pytest
from pydantic import ValidationError

from inburg_desktop.protocol import messages
from inburg_desktop.protocol.messages import Answer, Message, Op, PullResponse, PushResponse


def _classes(base: type[Message]) -> list[type[Message]]:
    return [
        cls
        for _name, cls in inspect.getmembers(messages, inspect.isclass)
        if issubclass(cls, base) and cls not in (Message, Answer)
    ]


def test_a_push_answer_with_a_key_from_a_newer_office_is_read() -> None:
    body = {
        "acknowledged_op_id": 3,
        "results": [],
        "office_release": "2027.1",  # unknown to this laptop
    }
    answer = PushResponse.model_validate_json(json.dumps(body))
    assert answer.acknowledged_op_id == 3


def test_a_pull_page_with_unknown_keys_is_read() -> None:
    page = {"cursor": 7, "more": False, "cases": [], "new_in_2027": {"x": 1}}
    answer = PullResponse.model_validate_json(json.dumps(page))
    assert answer.cursor == 7 and answer.cases == []


def test_every_answer_ignores_unknown_keys_and_every_request_refuses_them() -> None:
    answers = _classes(Answer)
    names = {cls.__name__ for cls in answers}
    assert {"PushResponse", "PullResponse", "EnrollResponse", "ErrorBody", "OpResult"} <= names
    for cls in answers:
        assert cls.model_config.get("extra") == "ignore", cls.__name__
    requests = [cls for cls in _classes(Message) if not issubclass(cls, Answer)]
    assert {"Op", "PushRequest", "EnrollRequest", "SetAsideReport"} <= {
        cls.__name__ for cls in requests
    }
    for cls in requests:
        assert cls.model_config.get("extra") == "forbid", cls.__name__


def test_the_office_still_refuses_an_unknown_key_in_a_request() -> None:
    op = {"op_id": 1, "case_id": "c" * 8, "base_version": 0, "patch": {}, "sneaky": True}
    with pytest.raises(ValidationError):
        Op.model_validate_json(json.dumps(op))
