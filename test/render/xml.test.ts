import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { attributes, element, escapeXml, htmlElement, num } from '../../src/render/xml.js';
import { attributeNames, unescapeXml, xmlProblem } from './xmlCheck.js';

describe('escapeXml', () => {
  test('any string comes out with no raw markup character and reads back as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(unescapeXml(escaped)).toBe(text);
      }),
    );
  });

  test('hostile text inside an element and an attribute keeps the markup well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const markup = element('svg', { 'data-x': text }, element('text', {}, escapeXml(text)));
        expect(xmlProblem(markup)).toBeNull();
      }),
    );
  });

  test('a script tag, quotes and ampersands are escaped, not passed through', () => {
    expect(escapeXml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
  });

  test('characters XML cannot carry (controls, lone surrogates) become U+FFFD', () => {
    expect(escapeXml('a\u0000b\u001bc\ud800d\tx\ny')).toBe('a\ufffdb\ufffdc\ufffdd\tx\ny');
    // A surrogate pair is one character and stays.
    expect(escapeXml('😀')).toBe('😀');
  });
});

describe('attributes and elements', () => {
  test('numbers are shortened to two decimals, never "-0"', () => {
    expect(num(12.3456)).toBe('12.35');
    expect(num(-0.001)).toBe('0');
    expect(attributes({ x: 1.006, 'data-kind': 'paused', title: undefined, y: null })).toBe(
      ' x="1.01" data-kind="paused"',
    );
  });

  test('an SVG element without content closes itself; an HTML one never does', () => {
    expect(element('rect', { width: 3 })).toBe('<rect width="3"/>');
    expect(htmlElement('td', { 'data-value': 0 }, '')).toBe('<td data-value="0"></td>');
  });
});

describe('the test checker itself', () => {
  test('xmlProblem finds what a browser would refuse', () => {
    expect(xmlProblem('<svg><g></svg>')).toMatch(/closes/);
    expect(xmlProblem('<svg><text>a & b</text></svg>')).toMatch(/stray "&"/);
    expect(xmlProblem('<svg a="1" a="2"/>')).toMatch(/twice/);
    expect(xmlProblem('<svg/><svg/>')).toMatch(/more than one root/);
    expect(xmlProblem('<svg><text>1 > 0</text></svg>')).toMatch(/raw ">"/);
    expect(
      xmlProblem('<?xml version="1.0" encoding="UTF-8"?>\n<svg><text>&lt;&#39;</text></svg>\n'),
    ).toBeNull();
  });

  test('attributeNames reads names, not text inside values', () => {
    expect([...attributeNames('<img src="x"><td data-value="&lt;img src=x&gt;">')]).toEqual([
      'src',
      'data-value',
    ]);
  });
});
