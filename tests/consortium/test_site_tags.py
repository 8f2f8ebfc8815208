"""The template helpers that build markup in Python: every value escaped, nothing else changed."""

from django.template import Context, Template
from django.utils.functional import lazystr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from consortium.templatetags.site_tags import facet_checkboxes, list_items
from search.facets import Facet, FacetOption


def test_list_items_escapes_each_value_and_sets_the_class():
    html = list_items(["Conservation <b>science</b>", "R&D"], "search-hit__tag--place")
    assert html == (
        '<li class="search-hit__tag--place">Conservation &lt;b&gt;science&lt;/b&gt;</li>'
        '<li class="search-hit__tag--place">R&amp;D</li>'
    )


def test_list_items_of_nothing_is_empty_and_keeps_safe_markup():
    assert list_items(None) == ""
    assert list_items([mark_safe("<mark>Kyoto</mark>")]) == "<li><mark>Kyoto</mark></li>"


def test_list_items_in_a_template():
    rendered = Template('{% load site_tags %}<ul>{{ names|list_items:"tag" }}</ul>').render(
        Context({"names": ['"quoted"', "plain"]})
    )
    assert rendered == '<ul><li class="tag">&quot;quoted&quot;</li><li class="tag">plain</li></ul>'


def test_facet_checkboxes_escape_values_and_labels():
    facet = Facet(
        "specialty",
        "Specialty",
        [
            FacetOption('x" onfocus="alert(1)', "<script>", 3, selected=True),
            FacetOption("archaeology", "Archaeology", 2, selected=False),
        ],
    )
    html = facet_checkboxes(facet)
    assert html == (
        '<div><label for="id_specialty_0"><input type="checkbox" name="specialty" '
        'value="x&quot; onfocus=&quot;alert(1)" id="id_specialty_0" checked> &lt;script&gt; (3)</label></div>\n'
        '<div><label for="id_specialty_1"><input type="checkbox" name="specialty" '
        'value="archaeology" id="id_specialty_1"> Archaeology (2)</label></div>'
    )


def test_list_items_escape_as_django_does_whatever_the_kind_of_string():
    text = "<b>\"Tom\" & 'Jerry'</b>"
    assert list_items([text]) == f"<li>{escape(text)}</li>"
    assert list_items([lazystr("<i>")]) == "<li>&lt;i&gt;</li>"
    assert list_items([3]) == "<li>3</li>"
