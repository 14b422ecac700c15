/**
 * The head's "Reports" (issue 13 §4, R15), a lazy chunk fetched when the head or owner
 * opens it — the only place uPlot is loaded. A period (default: the last 30 days), the
 * clinic's figures per day as charts (conversations; median first response), a table of
 * the clinic and each colleague with drill-down to the conversations behind a row, and a
 * CSV export of the table. The figures are `reports:get`'s, the same as
 * `GET /api/v1/reports`. It has its own words: few open it, so the main bundle has none.
 */
import { LitElement, css, html, nothing, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css';
import type { ReportFigures, Report } from '../../protocol/reports.ts';
import { LINK_PATHS } from '../../protocol/links.ts';
import { locale } from '../i18n/index.ts';
import type { Workspace } from '../state/workspace.ts';
import { ActionTask } from './action-task.ts';
import { dialogStyles } from './dialog-styles.ts';
import { refusal } from './format.ts';
import { theme } from './theme.ts';

const WORDS = {
  en: {
    heading: 'Reports',
    close: 'Close',
    from: 'From',
    to: 'To',
    show: 'Show',
    csv: 'Export CSV',
    charts: 'Conversations and first response per day',
    table: 'Figures per colleague',
    clinic: 'Clinic',
    who: 'Who',
    conversations: 'Conversations',
    frtMedian: 'First response, median',
    frtP90: 'First response, 90th percentile',
    resolution: 'Resolution, median',
    inHours: 'Answered in office hours',
    complaints: 'Complaints opened',
    solved: 'Solved by the patient',
    solvedShare: 'Solved share',
    rating: 'Rating',
    details: 'Conversations of {who}',
    none: 'No conversations in this period.',
    open: 'Open conversation {n}',
    perDay: 'Conversations',
    frtPerDay: 'First response, median (min)',
  },
  ru: {
    heading: 'Отчёты',
    close: 'Закрыть',
    from: 'С',
    to: 'По',
    show: 'Показать',
    csv: 'Скачать CSV',
    charts: 'Разговоры и первый ответ по дням',
    table: 'Показатели сотрудников',
    clinic: 'Клиника',
    who: 'Кто',
    conversations: 'Разговоры',
    frtMedian: 'Первый ответ, медиана',
    frtP90: 'Первый ответ, 90-й процентиль',
    resolution: 'Решение, медиана',
    inHours: 'Ответ в рабочее время',
    complaints: 'Жалоб открыто',
    solved: 'Решено по словам пациента',
    solvedShare: 'Доля решённых',
    rating: 'Оценка',
    details: 'Разговоры: {who}',
    none: 'За этот период разговоров нет.',
    open: 'Открыть разговор {n}',
    perDay: 'Разговоры',
    frtPerDay: 'Первый ответ, медиана (мин)',
  },
} as const;
const w = WORDS[locale];

const DAY_MS = 24 * 3600 * 1000;
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** `1 min 5 s`, `2 h 3 min`: durations as a head reads them. */
function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
const share = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
const rating = (f: ReportFigures) => (f.ratingAverage === null ? '—' : `${f.ratingAverage.toFixed(1)} (${f.ratings})`);

const COLUMNS: [label: string, value: (f: ReportFigures) => string][] = [
  [w.conversations, (f) => String(f.conversations)],
  [w.frtMedian, (f) => duration(f.firstResponseMedianMs)],
  [w.frtP90, (f) => duration(f.firstResponseP90Ms)],
  [w.resolution, (f) => duration(f.resolutionMedianMs)],
  [w.inHours, (f) => share(f.answeredInHoursShare)],
  [w.complaints, (f) => String(f.complaintsOpened)],
  [w.solved, (f) => String(f.complaintsSolvedByPatient)],
  [w.solvedShare, (f) => share(f.solvedShare)],
  [w.rating, rating],
];

const csvCell = (text: string) => (/[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export class ReportsView extends LitElement {
  static override properties = {
    workspace: { attribute: false },
    _report: { state: true },
    _drill: { state: true },
  };

  declare workspace: Workspace;
  declare _report: Report | null;
  /** The row whose conversations are listed: '' for the clinic, a staff id, or null. */
  declare _drill: string | null;
  readonly #action = new ActionTask(this);
  #chart: uPlot | null = null;
  #from = day(Date.now() - 29 * DAY_MS);
  #to = day(Date.now());

  constructor() {
    super();
    this._report = null;
    this._drill = null;
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
      dialog { width: min(64rem, 96vw); }
      form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
      table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-top: 0.5rem; }
      th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--cc-border); }
      td button { font: inherit; }
      .chart { margin: 0.5rem 0; min-height: 220px; }
    `,
    // uPlot's own stylesheet, inside this shadow root (a constant from the package, not user input).
    unsafeCSS(uPlotStyles),
  ];

  /** Opens the dialog and loads the last 30 days. */
  override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
    void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chart?.destroy();
    this.#chart = null;
  }

  override render() {
    const report = this._report;
    return html`<dialog aria-labelledby="reports-heading" @close=${() => this.dispatchEvent(new Event('reports-closed', { bubbles: true, composed: true }))}>
      <div class="top">
        <h2 id="reports-heading">${w.heading}</h2>
        <button @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${w.close}</button>
      </div>
      <form @submit=${this.#submit}>
        <label>${w.from} <input name="from" type="date" required .value=${this.#from}></label>
        <label>${w.to} <input name="to" type="date" required .value=${this.#to}></label>
        <button class="primary" type="submit" ?disabled=${this.#action.busy}>${w.show}</button>
        <button type="button" ?disabled=${!report} @click=${this.#exportCsv}>${w.csv}</button>
      </form>
      <p class="error" role="alert">${this.#action.error ? refusal(this.#action.error) : nothing}</p>
      <figure class="chart" role="img" aria-label=${w.charts}></figure>
      ${report ? this.#renderTable(report) : nothing}
      ${report && this._drill !== null ? this.#renderDrill(report) : nothing}
    </dialog>`;
  }

  override updated(): void {
    this.#drawChart();
  }

  #rows(report: Report): [id: string, who: string, figures: ReportFigures][] {
    return [['', w.clinic, report.clinic], ...report.staff.map((row): [string, string, ReportFigures] => [row.staff.id, row.staff.name, row.figures])];
  }

  #renderTable(report: Report) {
    return html`<table aria-label=${w.table}>
      <thead><tr><th scope="col">${w.who}</th>${COLUMNS.map(([label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
      <tbody>${this.#rows(report).map(
        ([id, who, figures]) => html`<tr>
          <th scope="row"><button aria-expanded=${this._drill === id ? 'true' : 'false'} @click=${() => (this._drill = this._drill === id ? null : id)}>${who}</button></th>
          ${COLUMNS.map(([, value]) => html`<td>${value(figures)}</td>`)}
        </tr>`,
      )}</tbody>
    </table>`;
  }

  #renderDrill(report: Report) {
    const row = this.#rows(report).find(([id]) => id === this._drill);
    if (!row) return nothing;
    const [, who, figures] = row;
    return html`<section aria-label=${w.details.replace('{who}', who)}>
      <h3>${w.details.replace('{who}', who)}</h3>
      ${
        figures.threads.length === 0
          ? html`<p>${w.none}</p>`
          : html`<ol>${figures.threads.map(
              (id, i) => html`<li><a href=${LINK_PATHS.consoleThread(id)} aria-label=${w.open.replace('{n}', String(i + 1))}
                @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${id}</a></li>`,
            )}</ol>`
      }
    </section>`;
  }

  #drawChart(): void {
    const report = this._report;
    const figure = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!report || !figure) return;
    const xs = report.days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
    const data: uPlot.AlignedData = [
      xs,
      report.days.map((d) => d.conversations),
      report.days.map((d) => (d.firstResponseMedianMs === null ? null : Math.round(d.firstResponseMedianMs / 600) / 100)),
    ];
    this.#chart?.destroy();
    this.#chart = new uPlot(
      {
        width: Math.max(320, figure.clientWidth || 640),
        height: 220,
        series: [{}, { label: w.perDay, stroke: '#0b6e4f', scale: 'n' }, { label: w.frtPerDay, stroke: '#b35c00', scale: 'min' }],
        axes: [{}, { scale: 'n' }, { scale: 'min', side: 1 }],
      },
      data,
      figure,
    );
  }

  #submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.#from = String(data.get('from'));
    this.#to = String(data.get('to'));
    void this.#load();
  };

  async #load(): Promise<void> {
    await this.#action.run(async () => {
      this._report = await this.workspace.readReport({ from: this.#from, to: this.#to });
      this._drill = null;
    });
  }

  #exportCsv = () => {
    const report = this._report;
    if (!report) return;
    const lines = [[w.who, ...COLUMNS.map(([label]) => label)], ...this.#rows(report).map(([, who, f]) => [who, ...COLUMNS.map(([, value]) => value(f))])];
    const blob = new Blob([`\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\n')}\n`], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `report-${report.from}-${report.to}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
}

customElements.define('cc-reports', ReportsView);

declare global {
  interface HTMLElementTagNameMap {
    'cc-reports': ReportsView;
  }
}
