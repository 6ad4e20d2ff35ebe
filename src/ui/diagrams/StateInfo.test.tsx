import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { EDGES } from '../../tcp/machine/edges.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import { StateInfo } from './StateInfo.tsx';
import { edgeText } from './edgeText.ts';
import { COUNT_COMMANDS } from './stateInfo.ts';

const noop = () => {};
const unescape = (h: string) => h.replace(/&#x27;/g, "'").replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('StateInfo', () => {
  it('explains CLOSE_WAIT with its edges, pitfalls and commands', () => {
    const html = unescape(renderToStaticMarkup(<StateInfo state="CLOSE_WAIT" lang="en" onClose={noop} />));
    expect(html).toMatch(/<h2[^>]*>CLOSE_WAIT<\/h2>/);
    expect(html).toMatch(/<button[^>]*aria-label="Close state explanation"/);
    expect(html).toContain('Too many open files');
    expect(html).toContain('close()');
    expect(html).toContain(COUNT_COMMANDS.netstat);
    expect(html).toContain(COUNT_COMMANDS.ss);
    const related = EDGES.filter((x) => x.to === 'CLOSE_WAIT' || x.from === 'CLOSE_WAIT');
    expect(related.length).toBeGreaterThan(2);
    for (const e of related) expect(html).toContain(`<code>${edgeText(e, 'en')}</code>`);
  });

  it('has content for every state in both languages, with netstat and ss spellings', () => {
    for (const lang of ['en', 'zh-CN'] as const)
      for (const st of TCP_STATES) {
        const html = unescape(renderToStaticMarkup(<StateInfo state={st} lang={lang} onClose={noop} />));
        expect(html).toContain(COUNT_COMMANDS.netstat);
      }
    const syn = renderToStaticMarkup(<StateInfo state="SYN_RCVD" lang="zh-CN" onClose={noop} />);
    expect(syn).toContain('SYN_RECV');
    expect(syn).toContain('SYN-RECV');
    expect(syn).toContain('tcp_syncookies');
    const tw = renderToStaticMarkup(<StateInfo state="TIME_WAIT" lang="en" onClose={noop} />);
    expect(tw).toContain('tcp_tw_reuse');
    expect(tw).toContain('tcp_tw_recycle');
    expect(renderToStaticMarkup(<StateInfo state="FIN_WAIT_2" lang="en" onClose={noop} />)).toContain('tcp_fin_timeout');
    expect(renderToStaticMarkup(<StateInfo state="LAST_ACK" lang="en" onClose={noop} />)).toContain('tcp_orphan_retries');
  });
});
