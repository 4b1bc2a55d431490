"""`flask kaart export`: a layer as a PNG for the annual monitor."""

from PIL import Image


def test_export_writes_a_png_with_the_layer_colours(runner, demo, tmp_path):
    uit = tmp_path / "overleg.png"
    result = runner.invoke(args=["kaart", "export", "overleg", "--output", str(uit)])
    assert result.exit_code == 0, result.output
    assert "opgeslagen" in result.output
    with Image.open(uit) as beeld:
        assert beeld.format == "PNG"
        assert beeld.width >= 1000 and beeld.height >= 800
        kleuren = {k for _, k in beeld.convert("RGB").getcolors(maxcolors=1_000_000)}
    assert len(kleuren) > 20
    rood = any(r > 180 and g < 110 and b < 90 for r, g, b in kleuren)  # a wijk without overleg
    groen = any(g > 120 and r < 90 and b < 120 for r, g, b in kleuren)
    assert rood and groen


def test_export_of_coverage_for_a_named_domain(runner, demo, tmp_path):
    uit = tmp_path / "dekking.png"
    result = runner.invoke(args=["kaart", "export", "dekking", "--domein", "gedrag", "--output", str(uit)])
    assert result.exit_code == 0, result.output
    assert "Gedrag" in result.output and uit.stat().st_size > 10_000
    result = runner.invoke(args=["kaart", "export", "dekking", "--domein", "breien", "--output", str(uit)])
    assert result.exit_code == 1 and "onbekend expertisedomein 'breien'" in result.output


def test_unknown_layer_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(args=["kaart", "export", "bestaat-niet", "--output", str(tmp_path / "x.png")])
    assert result.exit_code == 1
    assert "Fout: onbekende kaartlaag 'bestaat-niet'. Kies uit: overleg" in result.output
    assert not (tmp_path / "x.png").exists()
