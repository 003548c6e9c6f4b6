"""editio.toml: typed settings, defaults for any folder, and clear errors."""

from __future__ import annotations

import pytest

from conftest import ROOT
from editio.config import load_config
from editio.errors import ConfigError


def test_the_project_settings_are_read_from_editio_toml():
    config = load_config(ROOT / "tei")
    assert config.path == ROOT / "editio.toml"
    assert config.sources_dir == ROOT / "tei"
    assert config.output_dir == ROOT / "build"
    assert config.domain == "editio.example.org"
    assert config.pdf.page_size in ("A4", "A5")


def test_a_folder_without_settings_gets_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config.path is None and config.root == tmp_path.resolve()
    assert config.edition.licence_url.startswith("https://")


@pytest.mark.parametrize("text, message", [
    ("[edition]\nbase_url = 'ftp://x/'\n", "edition.base_url must be an absolute http(s) URL"),
    ("[edition]\nbase_url = 'https://x.org'\n", "must end with '/'"),
    ("[edition]\ncontact = 'nobody'\n", "edition.contact must be an e-mail address"),
    ("[edition]\ntitel = 'typo'\n", "unknown setting edition.titel"),
    ("[editon]\n", "unknown section [editon]"),
    ("[oai]\npage_size = 'ten'\n", "oai.page_size must be a int"),
    ("[oai]\npage_size = 0\n", "oai.page_size must be between 1 and 10000"),
    ("[pdf]\npage_size = 'Letter'\n", "pdf.page_size must be one of A4, A5"),
    ("[edition\n", "cannot read settings"),
])
def test_invalid_settings_are_one_line_errors_naming_the_file(tmp_path, text, message):
    (tmp_path / "editio.toml").write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert message in str(raised.value)
    assert str(raised.value).startswith(str(tmp_path / "editio.toml"))
