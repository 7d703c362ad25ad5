/**
 * Progress on stderr: a redrawn bar on a terminal, a plain line every few
 * seconds otherwise (logs and CI keep a readable record).
 */
export interface Progress {
  tick(failed?: boolean): void;
  done(): void;
}

export function progress(total: number, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const tty = Boolean(stream.isTTY);
  let count = 0;
  let failures = 0;
  let lastDraw = 0;
  const line = () => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? count / seconds : 0;
    const pct = total ? Math.floor((count / total) * 100) : 100;
    const width = 24;
    const filled = total ? Math.round((count / total) * width) : width;
    const bar = tty ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
    const failed = failures ? `, ${failures} failed` : '';
    return `${label} ${bar}${count}/${total} (${pct}%) ${rate.toFixed(1)} docs/s${failed}`;
  };
  const draw = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastDraw < (tty ? 100 : 5000)) return;
    lastDraw = now;
    stream.write(tty ? `\r\x1b[2K${line()}` : `${line()}\n`);
  };
  return {
    tick(failed = false) {
      count++;
      if (failed) failures++;
      draw(false);
    },
    done() {
      draw(true);
      if (tty) stream.write('\n');
    },
  };
}
