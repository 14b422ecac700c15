import { test, expect } from './support/fixtures.ts';
import { connectStaff } from './support/staff-client.ts';

test('the relay answers health checks and staff can connect', async ({ relay, page }) => {
  const response = await page.goto(`${relay.url}/readyz`);
  expect(response?.status()).toBe(200);
  const socket = await connectStaff(relay.url, 'admin@demo.clinic', relay.demoPassword);
  expect(socket.connected).toBe(true);
  socket.close();
});
