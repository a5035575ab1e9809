import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in element content and attributes', () => {
    expect(escapeHtml(`<script>alert("x" + 'y')</script> & more`)).toBe('&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; more');
  });

  it('escapes an ampersand once, so entities in the input stay visible as typed', () => {
    expect(escapeHtml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });

  it('leaves other text, including non-ASCII, as it is', () => {
    expect(escapeHtml('Genève — travail décent 2025/1')).toBe('Genève — travail décent 2025/1');
    expect(escapeHtml('')).toBe('');
  });
});
