import type { Locator, Page } from '@playwright/test';

/**
 * Latin words a Chinese page may show: state names (also wrapped after an underscore: FIN_ / WAIT_1), flags, timer and errno names, calls, knob and
 * socket-option names (anything upper-case or with an underscore or a dot; somaxconn, and listen()'s backlog), segment fields, tool,
 * file-format and protocol names, scenario and preset ids, file paths, commands, and text quoted from the
 * system (“Too many open files”), and the kernel's counter names (TcpExt: TCPAbortOnTimeout).
 */
const KEPT =
  /“[^”]*”|[\w.-]+(?:\/[\w.-]+)+|\bss -\w+ state [a-z-]+|\b[a-z_]+\(\)|[A-Za-z0-9]*[_.][A-Za-z0-9_.]+|\b\d*[A-Z][A-Z0-9-]+\b|\b[A-Z][A-Z0-9]*_(?!\w)|\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|\b[a-z0-9]+(?:-[a-z0-9]+)+\b|\bTCP[A-Z][A-Za-z]+\b|\b(Tcp|TcpExt|IPv4|IPv6|Linux|linux|rfc9293|seq|ack|len|win|mss|Wireshark|pcap|pcapng|tcpdump|packetdrill|npm|run|sysctl|keepalive|idle|intvl|cnt|English|Ctrl|Reno|ss|netstat|ulimit|cookie|backlog|somaxconn|Esc|Enter|Tab|Shift|Space|Home|End)\b/g;

/** English words left in the visible text, titles and labels within `root`, each with the start of its text. */
export async function englishIn(page: Page, root: Locator = page.locator('body')): Promise<string[]> {
  const texts = await root.evaluate((top) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('textarea, script, style, option, pre, code, samp, kbd, .pkt-listing, [translate="no"]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      out.push(n.textContent.trim());
    }
    for (const el of [top, ...top.querySelectorAll('[title], [aria-label]')])
      for (const a of ['title', 'aria-label']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    return out;
  });
  const out = new Set<string>();
  for (const t of texts) {
    const words = t.replace(KEPT, ' ').match(/[A-Za-z]{2,}/g);
    if (words) out.add(`${words.join(' ')} ← ${t.slice(0, 80)}`);
  }
  return [...out];
}
