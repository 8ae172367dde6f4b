// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { runPosition, walkRuns } from './text-runs';

function runsOf(html: string): string[] {
  document.body.innerHTML = html;
  return [...walkRuns(document.body)].map((run) => run.text);
}

describe('walkRuns', () => {
  it('joins text across inline elements', () => {
    expect(runsOf('<p>Deep<b>Seek</b>-R1 and <a href="#">Kai-Fu</a> Lee</p>')).toEqual(['DeepSeek-R1 and Kai-Fu Lee']);
  });

  it('never joins across blocks or line breaks', () => {
    expect(runsOf('<div>Kai-Fu<div>x</div>Lee</div>')).toEqual(['Kai-Fu', 'x', 'Lee']);
    expect(runsOf('<div><div>Kai-Fu</div><div>Lee</div></div>')).toEqual(['Kai-Fu', 'Lee']);
    expect(runsOf('<p>Kai-Fu<br>Lee</p>')).toEqual(['Kai-Fu', 'Lee']);
  });

  it('skips what a reader does not read as prose or edits', () => {
    const html = `<p>IBM</p><script>IBM</script><style>.IBM{}</style><noscript>IBM</noscript><template>IBM</template>
      <textarea>IBM</textarea><select><option>IBM</option></select><code>IBM</code><pre>IBM</pre>
      <div contenteditable="true">IBM</div><div hidden>IBM</div><gloss-root>IBM</gloss-root><gloss-root-x1y2>IBM</gloss-root-x1y2>`;
    expect(
      runsOf(html)
        .map((t) => t.trim())
        .filter(Boolean),
    ).toEqual(['IBM']);
  });

  it('reads open shadow roots', () => {
    document.body.innerHTML = '<p>light</p><div id="host"></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Anthropic in shadow</p>';
    expect([...walkRuns(document.body)].map((r) => r.text)).toEqual(['light', 'Anthropic in shadow']);
  });

  it('skips an ignored element', () => {
    document.body.innerHTML = '<p>a</p><div id="ui"><p>b</p></div>';
    expect([...walkRuns(document.body, { ignore: document.getElementById('ui') })].map((r) => r.text)).toEqual(['a']);
  });
});

describe('runPosition', () => {
  it('maps run offsets to nodes, ends to the preceding node', () => {
    document.body.innerHTML = '<p>Deep<b>Seek</b>-R1</p>';
    const [run] = [...walkRuns(document.body)];
    expect(runPosition(run, 4, false)).toMatchObject({ node: run.nodes[1], offset: 0 });
    expect(runPosition(run, 4, true)).toMatchObject({ node: run.nodes[0], offset: 4 });
    expect(runPosition(run, 11, true)).toMatchObject({ node: run.nodes[2], offset: 3 });
  });
});

describe('walkRuns on a scope inside an excluded element', () => {
  it('reads nothing when the scope itself is an editor or inside one', () => {
    document.body.innerHTML = '<div id="ed" contenteditable="true"><p id="in">IBM</p></div>';
    expect([...walkRuns(document.getElementById('ed')!)]).toEqual([]);
    expect([...walkRuns(document.getElementById('in')!)]).toEqual([]);
  });
});
