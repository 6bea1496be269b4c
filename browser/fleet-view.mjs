// Browser test of the status page's fleet view (issue 20), run by browser/run.sh against two agents on loopback: one
// at eu-west that peers one at us-east (`--peer`). Checks the Where column, the location filter clicked through, the
// peer's rows linking to the peer, and a probe's "DNS from each location"; writes docs/images/status-fleet.png.
// Usage: node fleet-view.mjs EU_AGENT_URL US_AGENT_URL SCREENSHOT_DIR      (exit 0 when every check passed, 1 otherwise)
import { checks, launch } from './lib.mjs';

const [url, peer, shots] = process.argv.slice(2);
if (!url || !peer || !shots) {
  console.error('usage: node fleet-view.mjs EU_AGENT_URL US_AGENT_URL SCREENSHOT_DIR');
  process.exit(2);
}
const { check, failed } = checks();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 }, colorScheme: 'light' });
  await page.goto(url);
  const rows = page.locator('#probes tbody tr');
  const locations = async () => (await rows.evaluateAll(trs => trs.map(tr => tr.dataset.location))).sort().join(' ');
  check('the list holds both agents\' probes, two per location', await locations()
    === 'eu-west eu-west us-east us-east', await locations());
  const where = await page.locator('#probes thead th').allTextContents();
  check('it has a Where column', where.includes('Where'), where.join(' | '));
  const peerLinks = await page.locator('#probes tr[data-location="us-east"] th[scope=row] a')
    .evaluateAll(as => as.map(a => a.href));
  check("the peer's rows link to the peer's own pages", peerLinks.length === 2
    && peerLinks.every(href => href.startsWith(new URL('probes/', peer).href)), peerLinks.join(' '));
  await page.screenshot({ path: `${shots}/status-fleet.png`, fullPage: true });

  // The location filter, clicked through as a person would.
  await page.selectOption('select[name=location]', 'us-east');
  await page.click('form[role=search] button[type=submit]');
  await page.waitForURL(/[?&]location=us-east/);
  check('filtering by location=us-east shows only the peer\'s probes', await locations() === 'us-east us-east',
    await locations());
  const states = (await rows.evaluateAll(trs => trs.map(tr => tr.dataset.state))).sort().join(' ');
  check('the peer\'s states are its own: one down (404), one up', states === 'down up', states);

  // A probe both agents run: its page here compares what each location saw.
  await page.goto(new URL('probes/shop', url).href);
  const seenFrom = (await page.locator('#locations tbody tr[data-agent]')
    .evaluateAll(trs => trs.map(tr => tr.dataset.location))).sort().join(' ');
  check('the shared probe\'s page has a row per location under "DNS from each location"',
    seenFrom === 'eu-west us-east', seenFrom);
} finally {
  await browser.close();
}
console.log(`fleet view: ${failed() === 0 ? 'all checks passed' : `${failed()} check(s) failed`}`);
process.exit(failed() === 0 ? 0 : 1);
