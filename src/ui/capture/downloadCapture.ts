/**
 * Saves a capture (pcap or pcapng bytes) as a file, the way a browser download
 * does: the app's "Download capture" and the fleet drill-down's per-connection
 * capture both go through here.
 */
export function downloadCapture(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.tcpdump.pcap' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click only starts the download: the URL is released once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
