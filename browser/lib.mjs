// What the browser tests share: Debian's chromium launched for a closed network, and the PASS/FAIL lines they print.
import { chromium } from 'playwright-core';

/** Starts chromium with the flags this machine needs: no sandbox as root, none of its background connections. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A check(what, ok, seen) that prints each result, and failed() that counts the failures so far. */
export function checks() {
  let failures = 0;
  return {
    check(what, ok, seen) {
      console.log(`${ok ? 'PASS' : 'FAIL'}: ${what}${ok ? '' : ` (saw: ${seen})`}`);
      if (!ok) failures++;
    },
    failed: () => failures,
  };
}
