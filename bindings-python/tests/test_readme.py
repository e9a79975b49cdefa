"""The README's Python snippet runs as written, so the tour cannot drift from the API."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_snippet_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "README has a Python snippet"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert "invalid_email ann@" in capsys.readouterr().out
