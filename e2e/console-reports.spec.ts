/**
 * The head's Reports (issue 13 §4) in real Chromium: a reply made in the test shows up as
 * the clinic's and the colleague's first-response time, the chart renders (uPlot, fetched
 * with the view), a row drills down to the conversation, and the table exports as CSV.
 */
import { readFile } from 'node:fs/promises';
import { streamIdTime } from '../protocol/ids.ts';
import { newClientMessageId } from '../protocol/stream-ids.ts';
import { test, expect } from './support/fixtures.ts';
import { connectStaff, ok } from './support/staff-client.ts';
import { patientWrites, signIn, uniqueWord } from './console-helpers.ts';

test('the head’s report shows the first-response time of a reply made now, a chart, the drill-down and a CSV', async ({ clinic, page }) => {
  const word = uniqueWord('report');
  const patient = await patientWrites(clinic, `Вопрос ${word}`);
  const admin = await connectStaff(clinic.url, clinic.email('admin'), clinic.demoPassword);
  try {
    const history = await ok(admin, 'message:history', { threadId: patient.threadId });
    const asked = streamIdTime(history.messages[0]!.id);
    const { at } = await ok(admin, 'message:send', { threadId: patient.threadId, clientId: newClientMessageId(), text: `Здравствуйте! Ответ ${word}` });
    const seconds = `${Math.round((at - asked) / 1000)} s`;

    await signIn(page, clinic, clinic.email('head'));
    await page.getByRole('button', { name: 'Reports' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reports' });
    const table = dialog.getByRole('table', { name: 'Figures per colleague' });
    const clinicRow = table.getByRole('row', { name: /^Clinic/ });
    await expect(clinicRow.getByRole('cell').nth(0)).toHaveText('1');
    await expect(clinicRow.getByRole('cell').nth(1)).toHaveText(seconds);
    const adminRow = table.getByRole('row', { name: /^Анна Козлова/ });
    await expect(adminRow.getByRole('cell').nth(1)).toHaveText(seconds);
    await expect(dialog.getByRole('img', { name: 'Conversations and first response per day' }).locator('canvas').first()).toBeVisible();

    await clinicRow.getByRole('button', { name: 'Clinic' }).click();
    await expect(dialog.getByRole('region', { name: 'Conversations of Clinic' }).getByRole('link')).toHaveAttribute(
      'href',
      `/console/#/thread/${patient.threadId}`,
    );

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('Who,Conversations,"First response, median"');
    expect(csv).toContain(`Clinic,1,${seconds}`);
  } finally {
    admin.close();
    patient.close();
  }
});
