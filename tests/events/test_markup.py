from events.markup import render_markdown


def test_markdown_becomes_html():
    assert render_markdown("A *word* and a [link](https://example.org)") == (
        '<p>A <em>word</em> and a <a href="https://example.org" rel="noopener noreferrer">link</a></p>'
    )


def test_sanitiser_strips_script_elements_and_their_content():
    html = render_markdown("Before\n\n<script>document.cookie</script>\n\nAfter")
    assert "<script" not in html
    assert "document.cookie" not in html
    assert "Before" in html and "After" in html


def test_sanitiser_strips_event_handlers_and_javascript_addresses():
    html = render_markdown('<img src="x.png" onerror="alert(1)"> [click](javascript:alert(2))')
    assert "onerror" not in html
    assert "javascript:" not in html


def test_sanitiser_strips_style_and_iframes():
    html = render_markdown('<style>body{display:none}</style><iframe src="https://evil.example"></iframe>Text')
    assert "<style" not in html and "display:none" not in html
    assert "<iframe" not in html


def test_tables_from_markdown_survive_sanitising():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<td>1</td>" in html
