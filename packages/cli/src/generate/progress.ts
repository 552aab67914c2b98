/** Progress of a run, reported between people. */
export interface Progress {
  people: number;
  totalPeople: number;
  records: number;
}

/** A one-line progress display on a terminal, redrawn at most every 200 ms; silent elsewhere. */
export function terminalProgress(stream: NodeJS.WriteStream): ((p: Progress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let lastDraw = 0;
  return (p) => {
    const now = Date.now();
    const done = p.people === p.totalPeople;
    if (!done && now - lastDraw < 200) return;
    lastDraw = now;
    const pct = Math.floor((100 * p.people) / p.totalPeople);
    stream.write(`\rgenerating: ${p.people}/${p.totalPeople} people (${pct}%), ${p.records.toLocaleString('en')} records${done ? '\n' : ''}`);
  };
}
