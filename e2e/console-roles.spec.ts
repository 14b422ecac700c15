import { test, expect } from './support/fixtures.ts';
import { call, connectStaff, ok } from './support/staff-client.ts';
import { inboxRow, messageLog, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

test.describe('roles in the console', () => {
  test('a conversation assigned to the doctor appears for that doctor and not another; the head reads everything without a composer', async ({
    browser,
    relay,
  }) => {
    const word = uniqueWord('medical');
    const patient = await patientWrites(relay, `${word} which dosage after the extraction?`);
    const admin = await browser.newContext();
    const doctor = await browser.newContext();
    const head = await browser.newContext();
    const otherDoctor = await browser.newContext();
    try {
      const doctorPage = await doctor.newPage();
      await signIn(doctorPage, relay, 'doctor@demo.clinic');
      // A general conversation nobody assigned is not the doctor's.
      await expect(doctorPage.getByRole('list', { name: 'Conversations' })).not.toContainText(word);

      const adminPage = await admin.newPage();
      await signIn(adminPage, relay, 'admin@demo.clinic');
      await openConversation(adminPage, word);
      await adminPage.getByLabel('Assignee').selectOption({ label: 'Dr. Ирина Иванова' });
      await expect(messageLog(adminPage).getByText('Анна Козлова assigned the conversation to Dr. Ирина Иванова')).toBeVisible();
      await expect(inboxRow(adminPage, word)).toContainText('Assigned to Dr. Ирина Иванова');

      // Live, without a reload: the doctor's socket is in the room of threads assigned to them.
      await expect(inboxRow(doctorPage, word)).toBeVisible();
      await openConversation(doctorPage, word);
      await expect(doctorPage.getByRole('textbox', { name: 'Reply' })).toBeVisible();

      const otherDoctorPage = await otherDoctor.newPage();
      await signIn(otherDoctorPage, relay, 'doctor2@demo.clinic');
      // The loaded inbox says it is empty: nothing of the first doctor's reached it.
      await expect(otherDoctorPage.getByText('No conversations here.')).toBeVisible();
      await expect(otherDoctorPage.getByRole('list', { name: 'Conversations' })).not.toContainText(word);

      const headPage = await head.newPage();
      await signIn(headPage, relay, 'head@demo.clinic');
      await openConversation(headPage, word);
      await expect(messageLog(headPage).getByText(`${word} which dosage after the extraction?`)).toBeVisible();
      await expect(headPage.getByText('Your role can read conversations but not reply or change them.')).toBeVisible();
      await expect(headPage.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
      await expect(headPage.getByRole('button', { name: 'Send', exact: true })).toHaveCount(0);
      await expect(headPage.getByRole('button', { name: /^(Assign to me|Take)$/ })).toHaveCount(0);
      await expect(headPage.getByLabel('Status')).toHaveCount(0);
    } finally {
      await Promise.all([admin.close(), doctor.close(), head.close(), otherDoctor.close()]);
      patient.close();
    }
  });

  test("a conversation taken back from the doctor leaves the doctor's console live", async ({ page, relay }) => {
    const word = uniqueWord('handback');
    const patient = await patientWrites(relay, `${word} about my prescription`);
    const admin = await connectStaff(relay.url, 'admin@demo.clinic', relay.demoPassword);
    try {
      const doctor = (await call(admin, 'staff:list', {})).ok?.staff.find((member) => member.email === 'doctor@demo.clinic');
      expect(doctor).toBeDefined();
      await ok(admin, 'thread:assign', { threadId: patient.threadId, assigneeId: doctor!.id });

      await signIn(page, relay, 'doctor@demo.clinic');
      await openConversation(page, word);
      await ok(admin, 'thread:assign', { threadId: patient.threadId, assigneeId: null });
      await expect(inboxRow(page, word)).toHaveCount(0);
      await expect(page.getByText('This conversation is no longer available to you.')).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
    } finally {
      admin.close();
      patient.close();
    }
  });
});
