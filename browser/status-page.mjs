// Browser test of the agent's status page (issue 20), run by browser/run.sh against `vigil demo --fast --hold`, held
// at the replayed incident: the default certificate served after five re-issues, the CA's limit exhausted, a stale A
// record. Drives Debian's chromium through playwright-core, asserts what a user sees and does, and writes the
// screenshots of docs/status-page.md.
// Usage: node status-page.mjs STATUS_PAGE_URL SCREENSHOT_DIR      (exit 0 when every check passed, 1 otherwise)
import { checks, launch } from './lib.mjs';

const [url, shots] = process.argv.slice(2);
if (!url || !shots) {
  console.error('usage: node status-page.mjs STATUS_PAGE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const { check, failed } = checks();
const browser = await launch();
try {
  // The overview, as on a laptop in daylight.
  const light = await browser.newPage({ viewport: { width: 1100, height: 700 }, colorScheme: 'light' });
  await light.goto(url);
  const rows = light.locator('#probes tbody tr');
  check('the overview lists the one probe', await rows.count() === 1, await rows.count());
  check('its row says down', await rows.first().getAttribute('data-state') === 'down',
    await rows.first().getAttribute('data-state'));
  const cause = await rows.first().locator('.cause').textContent();
  check('its cause is the re-issue churn that exhausted the limit',
    cause.includes('5 certificates for {api.demo.test, www.demo.test}') && cause.includes('0 of 5 left'), cause);
  const bar = await rows.first().locator('svg.runs').getAttribute('aria-label');
  check('the bar of recent runs has a text alternative', /^Last 24 h: \d+ runs, \d+ up, \d+ down$/.test(bar), bar);
  await light.screenshot({ path: `${shots}/status-overview.png`, fullPage: true });

  // The filter form: only probes that are up (none), then only those down (the one).
  await light.selectOption('select[name=state]', 'up');
  await light.click('form[role=search] button[type=submit]');
  await light.waitForURL(/state=up/);
  check('filtering by state=up shows no probe', await rows.count() === 0, await rows.count());
  await light.selectOption('select[name=state]', 'down');
  await light.click('form[role=search] button[type=submit]');
  await light.waitForURL(/state=down/);
  check('filtering by state=down shows the probe again', await rows.count() === 1, await rows.count());

  // Keyboard: on a fresh load, the first Tab reaches the link past the header to the list; the clicks below then
  // start from a focused skip link, which must not move what they click.
  await light.goto(url);
  await light.keyboard.press('Tab');
  const focused = await light.evaluate(() => document.activeElement.textContent);
  check('the first Tab focuses "Skip to the list"', focused === 'Skip to the list', focused);

  // Keyboard only: Tab reaches the search box, typing and Enter submit the filter.
  let tabs = 1;
  while (tabs < 12 && await light.evaluate(() => document.activeElement.name) !== 'q') {
    await light.keyboard.press('Tab');
    tabs++;
  }
  await light.keyboard.type('API.DEMO');
  await light.keyboard.press('Enter');
  await light.waitForURL(/[?&]q=API\.DEMO/);
  check(`the search box is reached by Tab (${tabs} presses) and Enter filters: the probe matches`,
    await rows.count() === 1, await rows.count());
  await light.goto(url);

  // The probe's page, reached by its link.
  await light.click('#probes a[href$="/probes/api"]');
  await light.waitForURL(/\/probes\/api$/);
  const causes = await light.locator('#incident .cause').allTextContents();
  check('the incident names the churn, the default certificate and the stale record',
    causes.length === 3 && causes[1].includes('so the ingress serves its default certificate')
      && causes[2].includes('update the A record'), causes.join(' | '));
  const bars = await light.locator('#certificate-history svg.timeline rect').count();
  check('the certificate timeline has 6 bars: 5 re-issues and the default certificate', bars === 6, bars);
  const untrusted = await light.locator('#certificate-history svg.timeline rect.down').count();
  check('one of them, the default certificate, is marked untrusted', untrusted === 1, untrusted);
  const zoomed = await light.locator('#certificate-history svg.timeline-zoom rect').count();
  check('the re-issues, 30 minutes apart, are drawn apart on the zoomed axis of the last 168 h', zoomed === 6, zoomed);
  const chart = await light.locator('#certificate-history svg.limit[role=img]').getAttribute('aria-label');
  check('the limit chart says 5 of 5 used in the last 168 h and until when the CA refuses more',
    /^5 of 5 certificates for \{api\.demo\.test, www\.demo\.test\} used in the last 168 h: the CA refuses more until \d{4}-\d\d-\d\d \d\d:\d\d UTC$/
      .test(chart), chart);
  const selfSigned = await light.locator('table.limits tr[data-level="none"] td[colspan="3"]').allTextContents();
  check("the default certificate's names claim no CA limit", selfSigned.length === 1
    && selfSigned[0] === 'self-signed: no CA limit', selfSigned.join(' | '));
  const limit = await light.locator('table.limits tr[data-level="critical"] td').allTextContents();
  check('the duplicate-certificate limit is exhausted: 5 issued, 0 left, with the time the next returns',
    limit[0] === '{api.demo.test, www.demo.test}' && limit[1] === '5' && limit[2] === '0'
      && /^\d{4}-\d\d-\d\dT/.test(limit[3]), limit.join(' | '));
  const dns = await light.locator('#dns tbody tr td').allTextContents();
  check('DNS per resolver: the old address, not the load balancer, with its TTL',
    dns[2] === 'no' && /^\d+ s$/.test(dns[3]), dns.join(' | '));
  const times = await light.locator('#response-time svg[role=img]').getAttribute('aria-label');
  check('the response-time chart says its mean and slowest quarter-hour',
    /^Response time, last 24 h: mean \d+ ms over \d+ runs?; .* the slowest at \d{4}-\d\d-\d\d \d\d:\d\d UTC/
      .test(times), times);
  await light.screenshot({ path: `${shots}/status-probe.png`, fullPage: true });

  // At phone width, in the dark: nothing wider than the screen.
  const phone = await browser.newPage({ viewport: { width: 390, height: 800 }, colorScheme: 'dark' });
  await phone.goto(url);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  check('the overview fits a 390 px phone screen', width <= 390, `${width} px`);
  const background = await phone.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBackground = await light.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check('the dark scheme has another background than the light one', background !== lightBackground,
    `${background} both`);
  await phone.screenshot({ path: `${shots}/status-overview-phone-dark.png`, fullPage: true });
  await phone.goto(new URL('probes/api', url).href);
  const probeWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
  check("the probe's page fits a 390 px phone screen (wide tables scroll within their section)", probeWidth <= 390,
    `${probeWidth} px`);
} finally {
  await browser.close();
}
console.log(`status page: ${failed() === 0 ? 'all checks passed' : `${failed()} check(s) failed`}`);
process.exit(failed() === 0 ? 0 : 1);
