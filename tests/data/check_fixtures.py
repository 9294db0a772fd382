#!/usr/bin/env python3
"""Checks the fixtures of html_pages/, feeds/ and yaml_notes/ against their
*.expected.toml: every file parses, every expected paragraph is the decoded,
whitespace-collapsed text of one element of its source (in document order),
every clutter snippet is in the page but in no paragraph, and the metadata
(title, date, author, source, lang) is really in the page. Prints, for each
page, its word counts of article text and of clutter text.

Standard library only, plus PyYAML for yaml_notes/ (skipped without it).
Run: python3 tests/data/check_fixtures.py
"""
import html
import json
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'source', 'track', 'wbr', 'param'}
RAW = {'script', 'style'}
BLOCKS = {'p', 'li', 'div', 'blockquote', 'figcaption', 'h1', 'h2', 'h3', 'h4',
          'td', 'dd', 'span', 'section', 'aside', 'article', 'a', 'time'}
failures = []


def fail(where, msg):
    failures.append(f'{where}: {msg}')


def collapse(s):
    return ' '.join(s.split())


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def text(self, raw=False):
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if c.tag in RAW and not raw:
                    continue
                out.append(c.text(raw))
            else:
                out.append(c)
        return ''.join(out)


class Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node('#root', {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, d):
        self.cur.children.append(d)


def parse_html(text):
    p = Parser()
    p.feed(text)
    p.close()
    return p.root


def check_paragraphs(where, root, paragraphs):
    """Each paragraph must equal the text of an element, in document order."""
    elems = [n for n in root.iter() if n.tag in BLOCKS]
    pos = 0
    for i, want in enumerate(paragraphs):
        for j in range(pos, len(elems)):
            if collapse(elems[j].text()) == want:
                pos = j + 1
                break
        else:
            fail(where, f'paragraph {i} is not the text of any element after the previous one: {want[:70]!r}')


def check_clutter(where, full, paragraphs, title, clutter):
    for c in clutter:
        if c not in full:
            fail(where, f'clutter not in the page: {c!r}')
        if any(c in p for p in paragraphs):
            fail(where, f'clutter inside a paragraph: {c!r}')
        if title and c in title:
            fail(where, f'clutter inside the title: {c!r}')


def dates_in(root):
    """Where the page states its publication date."""
    found = []
    for n in root.iter():
        a = n.attrs
        if n.tag == 'meta' and a.get('property') == 'article:published_time':
            found.append(('meta', a['content'][:10]))
        if n.tag == 'time' and 'datetime' in a and 'updated' not in (a.get('class') or ''):
            found.append(('time', a['datetime'][:10]))
        if n.tag == 'script' and a.get('type') == 'application/ld+json':
            def walk(o):
                if isinstance(o, dict):
                    if 'datePublished' in o:
                        found.append(('json-ld', o['datePublished'][:10]))
                    for v in o.values():
                        walk(v)
                elif isinstance(o, list):
                    for v in o:
                        walk(v)
            walk(json.loads(n.text(raw=True)))
    return found


def meta(root, key, value):
    for n in root.iter():
        if n.tag == 'meta' and n.attrs.get(key) == value:
            return n.attrs.get('content')
    return None


def words(s):
    return len(s.split())


def check_html():
    d = HERE / 'html_pages'
    print('html_pages/')
    for exp_path in sorted(d.glob('*.expected.toml')):
        name = exp_path.name.removesuffix('.expected.toml')
        where = f'html_pages/{name}'
        exp = tomllib.load(open(exp_path, 'rb'))
        text = (d / f'{name}.html').read_text(encoding='utf-8')
        root = parse_html(text)
        body = next((n for n in root.iter() if n.tag == 'body'), root)
        full = collapse(root.text(raw=True))
        paragraphs = exp.get('paragraphs', [])
        title = exp.get('title')
        check_paragraphs(where, root, paragraphs)
        check_clutter(where, full, paragraphs, title, exp.get('clutter', []))
        if not 6 <= len(exp.get('clutter', [])) <= 15 and 'words' not in exp:
            fail(where, f'{len(exp["clutter"])} clutter snippets, not 6-15')
        for p in paragraphs:
            if p != collapse(p):
                fail(where, f'paragraph not whitespace-collapsed: {p[:40]!r}')
        where_date = []
        if title is not None:
            h1 = [collapse(n.text()) for n in root.iter() if n.tag == 'h1']
            if title not in h1:
                fail(where, f'title is no <h1> of the page: {h1}')
            found = dates_in(root)
            where_date = sorted({k for k, v in found if v == exp['date']})
            if not where_date:
                fail(where, f'date {exp["date"]} not stated in meta, JSON-LD or <time>: {found}')
            if exp['source'] != meta(root, 'property', 'og:site_name'):
                fail(where, f'source is not og:site_name')
            if exp['author'] and exp['author'] not in full and exp['author'] != meta(root, 'name', 'author'):
                fail(where, 'author neither in the page text nor in <meta name="author">')
            lang = next(n for n in root.iter() if n.tag == 'html').attrs.get('lang', '')
            if lang.split('-')[0] != exp['lang']:
                fail(where, f'lang {exp["lang"]} but <html lang="{lang}">')
        if 'words' in exp:  # the hostile page
            shown = collapse(re.sub(r'[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]', ' ', body.text()))
            for w in exp['words']:
                if w not in shown:
                    fail(where, f'word not in the page text: {w!r}')
            naive = re.sub(r'&#[xX]([0-9a-fA-F]+);', lambda m: chr(int(m[1], 16)), text)
            naive = re.sub(r'&#([0-9]+);', lambda m: chr(int(m[1])), naive)
            present = [c for c in exp['forbidden'] if c in text or c in naive]
            print(f'  {name}: {len(exp["words"])} words to keep; forbidden chars present in the source '
                  f'(raw or as references): {", ".join(f"U+{ord(c):04X}" for c in present)}')
            continue
        art = sum(words(p) for p in paragraphs)
        clutter_words = words(collapse(body.text(raw=True))) - art
        print(f'  {name}: {len(paragraphs)} paragraphs, {art} article words, ~{clutter_words} clutter words'
              f' (body text incl. scripts), date from {"+".join(where_date) or "-"}')


def html_blocks(fragment):
    root = parse_html(fragment)
    return root, collapse(root.text())


def check_feeds():
    d = HERE / 'feeds'
    print('feeds/')
    ns = {'a': 'http://www.w3.org/2005/Atom', 'dc': 'http://purl.org/dc/elements/1.1/',
          'content': 'http://purl.org/rss/1.0/modules/content/', 'x': 'http://www.w3.org/1999/xhtml'}
    for src in sorted(list(d.glob('*.rss')) + list(d.glob('*.atom'))):
        where = f'feeds/{src.name}'
        exp = tomllib.load(open(d / (src.stem + '.expected.toml'), 'rb'))
        root = ET.parse(src).getroot()
        if root.tag == 'rss':
            ch = root.find('channel')
            feed_title = ch.findtext('title')
            items = []
            for it in ch.findall('item'):
                body = it.findtext('content:encoded', namespaces=ns) or it.findtext('description')
                author = it.findtext('dc:creator', namespaces=ns) or it.findtext('author') or ''
                items.append((html.unescape(it.findtext('title')),
                              parsedate_to_datetime(it.findtext('pubDate')).date().isoformat(),
                              author, parse_html(body)))
        else:
            feed_title = root.findtext('a:title', namespaces=ns)
            items = []
            for e in root.findall('a:entry', ns):
                t = e.find('a:title', ns)
                title = html.unescape(t.text) if t.get('type') == 'html' else t.text
                date = (e.findtext('a:published', namespaces=ns) or e.findtext('a:updated', namespaces=ns))[:10]
                c = e.find('a:content', ns)
                if c.get('type') == 'xhtml':
                    frag = ET.tostring(c.find('x:div', ns), encoding='unicode')
                    frag = re.sub(r'</?html:', lambda m: m[0].replace('html:', ''), frag)
                    frag = re.sub(r'<(/?)ns\d+:', r'<\1', frag)
                else:
                    frag = c.text
                items.append((title, date, e.findtext('a:author/a:name', namespaces=ns), parse_html(frag)))
        if exp['source'] != collapse(feed_title):
            fail(where, f'source {exp["source"]!r} is not the feed title {feed_title!r}')
        if len(items) != len(exp['entry']):
            fail(where, f'{len(items)} items but {len(exp["entry"])} expected entries')
        for k, (e, (title, date, author, body)) in enumerate(zip(exp['entry'], items)):
            w = f'{where} entry {k}'
            if e['title'] != collapse(title):
                fail(w, f'title {e["title"]!r} != {title!r}')
            if e['date'] != date:
                fail(w, f'date {e["date"]} != {date}')
            if e['author'] not in author:
                fail(w, f'author {e["author"]!r} not in {author!r}')
            check_paragraphs(w, body, e['paragraphs'])
            check_clutter(w, collapse(body.text()), e['paragraphs'], e['title'], e.get('clutter', []))
            n = sum(words(p) for p in e['paragraphs'])
            if not 80 <= n <= 250:
                fail(w, f'{n} words, not 80-250')
            print(f'  {src.name} entry {k}: {len(e["paragraphs"])} paragraphs, {n} words, {date}, {e["author"]}')


def check_yaml():
    d = HERE / 'yaml_notes'
    print('yaml_notes/')
    try:
        import yaml
    except ImportError:
        print('  (PyYAML not installed: skipped)')
        return
    for md in sorted(d.glob('*.md')):
        where = f'yaml_notes/{md.name}'
        exp = tomllib.load(open(d / (md.stem + '.expected.toml'), 'rb'))
        lines = md.read_text(encoding='utf-8').split('\n')
        assert lines[0] == '---'
        end = lines.index('---', 1)
        try:
            fm = yaml.safe_load('\n'.join(lines[1:end]))
        except yaml.YAMLError as err:
            line = err.problem_mark.line + 2  # YAML line 0 is file line 2
            if exp.get('error_line') != line:
                fail(where, f'YAML error on file line {line}, expected {exp.get("error_line")}: {err}')
            print(f'  {md.name}: YAML error on file line {line} ({err.problem})')
            continue
        if 'error_line' in exp:
            fail(where, 'front matter parses but an error is expected')
            continue
        if fm['title'] != exp['title']:
            fail(where, 'title')
        if str(fm['date'])[:10] != exp['date']:
            fail(where, f'date {fm["date"]} != {exp["date"]}')
        paras, cur = [], []
        for l in lines[end + 1:] + ['']:
            if l.strip() == '':
                if cur:
                    paras.append(' '.join(cur))
                cur = []
            elif not cur and re.match(r'#{1,6} |\{\{|<!--|- ', l):
                continue
            else:
                cur.append(l.strip())
        if paras[0] != exp['first_paragraph']:
            fail(where, f'first paragraph is {paras[0][:60]!r}')
        print(f'  {md.name}: title, date {exp["date"]} and first paragraph ok')


def main():
    for f in sorted(HERE.glob('*/*.expected.toml')):
        try:
            tomllib.load(open(f, 'rb'))
        except tomllib.TOMLDecodeError as e:
            fail(str(f.relative_to(HERE)), f'TOML: {e}')
    check_html()
    check_feeds()
    check_yaml()
    if failures:
        print('\nFAILURES:')
        for f in failures:
            print('  ' + f)
        sys.exit(1)
    print('\nall fixtures check out')


if __name__ == '__main__':
    main()
