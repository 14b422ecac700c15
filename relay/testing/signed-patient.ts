/** Signed identity in tests: a patient id signed with the clinic's identity secret, read as the clinic's owner (as a clinic's server would hold it). */
import { API_PREFIX } from '../../protocol/http.ts';
import { signPatientId } from '../store/identity-secret-store.ts';
import { login } from './clients.ts';

export async function signedPatient(relay: { url: string; password: string }, patientId: string): Promise<{ patientId: string; signature: string }> {
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.password);
  const response = await fetch(`${relay.url}${API_PREFIX}/clinic/identity-secret`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`reading the identity secret failed: ${response.status}`);
  const { secret } = (await response.json()) as { secret: string };
  return { patientId, signature: signPatientId(secret, patientId) };
}
