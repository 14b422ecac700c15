/**
 * What the owner manages (owner only; the relay enforces it): the clinic's staff accounts,
 * deactivated ones included, and the clinic's settings. Generated passwords are returned to
 * the caller and never kept here: the view shows one once, then forgets it.
 */
import type { StaffId } from '../../protocol/ids.ts';
import type { ClinicSettings, ClinicUpdate, StaffAdd, StaffMember, StaffUpdate } from '../../protocol/requests.ts';
import type { QueueSettings, QueueSettingsUpdate } from '../../protocol/queue.ts';
import { Observable } from './observable.ts';

export interface ClinicAdminRequests {
  listStaff(): Promise<{ staff: StaffMember[] }>;
  addStaff(input: StaffAdd): Promise<{ member: StaffMember; password: string }>;
  updateStaff(input: StaffUpdate): Promise<{ member: StaffMember }>;
  resetPassword(staffId: StaffId): Promise<{ password: string }>;
  getClinic(): Promise<{ clinic: ClinicSettings }>;
  updateClinic(changes: ClinicUpdate): Promise<{ clinic: ClinicSettings }>;
  getQueue(): Promise<{ settings: QueueSettings }>;
  updateQueue(changes: QueueSettingsUpdate): Promise<{ settings: QueueSettings }>;
}

/** Told after a change others show: the assignee list, the clinic's name in the header. */
export interface ClinicAdminListener {
  staffChanged(): void;
  clinicChanged(clinic: ClinicSettings): void;
  queueChanged(settings: QueueSettings): void;
}

const byName = (a: StaffMember, b: StaffMember) => a.name.localeCompare(b.name);

export class ClinicAdmin extends Observable {
  members: readonly StaffMember[] = [];
  clinic: ClinicSettings | null = null;
  /** The waiting-time target and auto-assignment (protocol/queue.ts), edited with the clinic. */
  queue: QueueSettings | null = null;

  constructor(
    private readonly requests: ClinicAdminRequests,
    private readonly listener: ClinicAdminListener,
  ) {
    super();
  }

  async loadStaff(): Promise<void> {
    const { staff } = await this.requests.listStaff();
    this.members = [...staff].sort(byName);
    this.changed();
  }

  /** Creates the account and returns its generated password, to be shown once. */
  async add(input: StaffAdd): Promise<{ member: StaffMember; password: string }> {
    const result = await this.requests.addStaff(input);
    this.#put(result.member);
    return result;
  }

  async update(input: StaffUpdate): Promise<void> {
    const { member } = await this.requests.updateStaff(input);
    this.#put(member);
  }

  /** Sets a new generated password and returns it, to be shown once. */
  async resetPassword(staffId: StaffId): Promise<string> {
    const { password } = await this.requests.resetPassword(staffId);
    return password;
  }

  async loadClinic(): Promise<void> {
    [this.clinic, this.queue] = await Promise.all([this.requests.getClinic().then((r) => r.clinic), this.requests.getQueue().then((r) => r.settings)]);
    this.changed();
  }

  async saveClinic(changes: ClinicUpdate, queue: QueueSettingsUpdate): Promise<void> {
    this.clinic = (await this.requests.updateClinic(changes)).clinic;
    this.listener.clinicChanged(this.clinic);
    this.queue = (await this.requests.updateQueue(queue)).settings;
    this.listener.queueChanged(this.queue);
    this.changed();
  }

  #put(member: StaffMember): void {
    this.members = [...this.members.filter((m) => m.id !== member.id), member].sort(byName);
    this.listener.staffChanged();
    this.changed();
  }
}
