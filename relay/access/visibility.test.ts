import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClinicId, StaffId } from '../../protocol/ids.ts';
import { ROLES, type Role, type StaffRef } from '../../protocol/model.ts';
import { canRead, canWrite, type Viewer } from './visibility.ts';

const clinic = 'clinicAAAAAAAAAAAAAAAA' as ClinicId;
const ref = (id: string, role: Role): StaffRef => ({ id: id as StaffId, name: id, role });
const viewer = (id: string, role: Role, clinicId = clinic): Viewer => ({ id: id as StaffId, role, clinicId });

const threads = [
  { clinicId: clinic, kind: 'general' as const, complaint: false, assignee: null, doctor: null },
  { clinicId: clinic, kind: 'general' as const, complaint: true, assignee: null, doctor: null },
  { clinicId: clinic, kind: 'general' as const, complaint: false, assignee: ref('doc1', 'doctor'), doctor: null },
  { clinicId: clinic, kind: 'doctor' as const, complaint: false, assignee: ref('doc2', 'doctor'), doctor: ref('doc2', 'doctor') },
  { clinicId: clinic, kind: 'doctor' as const, complaint: false, assignee: ref('adm1', 'admin'), doctor: ref('doc1', 'doctor') },
];

test('each role sees what R16 allows', () => {
  const doc2Chat = threads[3]!;
  assert.ok(threads.every((t) => canRead(viewer('o', 'owner'), t)));
  assert.ok(threads.every((t) => canRead(viewer('h', 'head'), t)));
  assert.ok(
    threads.every((t) => !canWrite(viewer('h', 'head'), t)),
    'head never writes',
  );
  assert.deepEqual(
    threads.map((t) => canRead(viewer('doc1', 'doctor'), t)),
    [false, false, true, false, true],
  );
  assert.deepEqual(
    threads.map((t) => canRead(viewer('a', 'admin'), t)),
    [true, true, true, false, false],
  );
  assert.deepEqual(
    threads.map((t) => canRead(viewer('c', 'complaints'), t)),
    [false, true, false, false, false],
  );
  assert.ok(canWrite(viewer('doc2', 'doctor'), doc2Chat));
});

test("nobody reads another clinic's threads, whatever the role", () => {
  for (const role of ROLES) {
    assert.ok(threads.every((t) => !canRead(viewer('doc1', role, 'otherBBBBBBBBBBBBBBBBB' as ClinicId), t)));
  }
});
