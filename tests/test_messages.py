"""One home per message (issue 13): a Thai message a user reads is written once in the project's
Python source. A rule's message lives where the rule lives (a model's clean(), a constraint, a
service, or a named constant beside them) and forms show it through core.forms.RuleMessagesMixin;
Django's own texts come from the locale/th catalogue.

The check reads the source with `ast` (outside migrations, tests and bench/) and collects the Thai
string constants in message positions: the arguments of a `...Error(...)`/`PermissionDenied(...)`
call, `add_error`, an importer's `self.error`, `messages.success/error/...`, the values of
`error_messages=`, `violation_error_message=` and `message=`, a value put into an `errors[...]`
mapping, and module constants named for a message (`*_REQUIRED`, `*_MESSAGES`, `MOO_RANGE`);
an f-string is one text with `{}` for each value. Short pieces (under MIN_LENGTH characters: a word, a
fragment of an f-string) are not messages of their own. Field labels and column names are not
messages and are out of this check.
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "tests", "bench", "migrations", "node_modules", "staticfiles", "media"}
THAI = re.compile("[\u0e01-\u0e5b]")
MIN_LENGTH = 8
CALLS = {"add_error", "error", "success", "warning", "info", "PermissionDenied", "Http404"}
KEYWORDS = {"error_messages", "violation_error_message", "message"}
MESSAGE_CONSTANT = re.compile(r"^[A-Z_]*(MESSAGE|REQUIRED|ERROR|RANGE|REFUSED)[A-Z_]*$")

# Messages still written in more than one place, each with the reason.
# Texts allowed twice, each with its reason (none today: the refused-move message of every state
# machine is written once, in core/machine.py).
EXCEPTIONS: dict[str, str] = {}


def _source_files():
    for path in sorted(ROOT.rglob("*.py")):
        if not SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def _thai_constants(node):
    """(text, line) of the Thai strings in a node; an f-string is one text, "{}" for each value."""
    if isinstance(node, ast.JoinedStr):
        text = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
        if THAI.search(text):
            yield text.strip(), node.lineno
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and THAI.search(node.value):
            yield node.value.strip(), node.lineno
        return
    for child in ast.iter_child_nodes(node):
        yield from _thai_constants(child)


def _call_name(call):
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def messages_in(tree):
    """(text, line) of every Thai message in a module's syntax tree."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name.endswith("Error") or name in CALLS:
                for arg in node.args:
                    found += _thai_constants(arg)
            for keyword in node.keywords:
                if keyword.arg in KEYWORDS or (name.endswith("Error") and keyword.arg is None):
                    found += _thai_constants(keyword.value)
        elif isinstance(node, ast.Assign):
            targets = node.targets
            if any(isinstance(t, ast.Subscript) and "error" in ast.unparse(t.value).lower() for t in targets) or any(
                    isinstance(t, ast.Name) and MESSAGE_CONSTANT.search(t.id) for t in targets):
                found += _thai_constants(node.value)
    return found


def duplicated_messages():
    homes = defaultdict(set)
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for text, line in messages_in(tree):
            if len(text) >= MIN_LENGTH:
                homes[text].add(f"{path.relative_to(ROOT)}:{line}")
    return {text: sorted(places) for text, places in homes.items() if len(places) > 1}


def test_each_thai_message_is_written_once():
    duplicated = {text: places for text, places in duplicated_messages().items() if text not in EXCEPTIONS}
    assert duplicated == {}, "\n".join(f"{text!r}: {', '.join(places)}" for text, places in duplicated.items())


def test_every_exception_is_still_needed():
    assert sorted(set(EXCEPTIONS) - set(duplicated_messages())) == []


def test_the_check_finds_a_message_written_twice_and_ignores_labels():
    tree = ast.parse(
        'from django import forms\n'
        'class F(forms.Form):\n'
        '    name = forms.CharField(label="ชื่อกลุ่มออมทรัพย์", error_messages={"required": "กรุณากรอกชื่อกลุ่ม"})\n'
        '    def clean(self):\n'
        '        self.add_error("name", f"กรุณากรอกชื่อกลุ่ม {x}")\n'
        '        errors["x"] = "รหัสไม่ถูกต้องครับ"\n'
        '        raise ValidationError({"code": "รหัสไม่ถูกต้องครับ"})\n')
    assert sorted(messages_in(tree), key=lambda m: m[1]) == [
        ("กรุณากรอกชื่อกลุ่ม", 3), ("กรุณากรอกชื่อกลุ่ม {}", 5), ("รหัสไม่ถูกต้องครับ", 6), ("รหัสไม่ถูกต้องครับ", 7)]
