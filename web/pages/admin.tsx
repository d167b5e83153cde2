import type { FC } from 'hono/jsx';
import { formatTimestamp, type Lang } from '../i18n.ts';
import { Layout, type PageContext } from './layout.tsx';

export interface AdminUser { email: string; role: string; disabled: boolean; createdAt: string }
export interface AuditRow { at: string; actor: string; action: string; target: string | null; details: string }
export interface AuditFilter { action?: string; actor?: string; from?: string; to?: string }

/** This page's own words (admin only; kept here rather than in the shared dictionary). */
const W: Record<Lang, Record<string, string>> = {
  sv: {
    title: 'Administration', users: 'Användare', email: 'E-post', role: 'Roll', status: 'Status', created: 'Skapad',
    active: 'Aktiv', disabled: 'Avstängd', disable: 'Stäng av', add: 'Lägg till användare', password: 'Lösenord (minst 12 tecken)',
    audit: 'Granskningslogg', auditIntro: 'Allt som ändrar data eller behörigheter loggas: inloggningar, importer, återkallelser, ändringar och rapportuttag. Inget kan raderas.',
    when: 'När (UTC)', who: 'Vem', what: 'Händelse', target: 'Objekt', details: 'Detaljer', filter: 'Filtrera', all: 'alla', from: 'Från', to: 'Till',
    empty: 'Inga händelser matchar filtret.', viewer: 'läsare', coordinator: 'samordnare', admin: 'administratör', save: 'Spara roll',
  },
  en: {
    title: 'Administration', users: 'Users', email: 'E-mail', role: 'Role', status: 'Status', created: 'Created',
    active: 'Active', disabled: 'Disabled', disable: 'Disable', add: 'Add user', password: 'Password (at least 12 characters)',
    audit: 'Audit log', auditIntro: 'Everything that changes data or permissions is logged: logins, imports, retractions, edits and report exports. Nothing can be erased.',
    when: 'When (UTC)', who: 'Who', what: 'Action', target: 'Object', details: 'Details', filter: 'Filter', all: 'all', from: 'From', to: 'To',
    empty: 'No entries match the filter.', viewer: 'viewer', coordinator: 'coordinator', admin: 'administrator', save: 'Save role',
  },
};

const ROLES = ['viewer', 'coordinator', 'admin'];

export const AdminPage: FC<{ page: PageContext; users: AdminUser[]; audit: AuditRow[]; actions: string[]; filter: AuditFilter }> = ({ page, users, audit, actions, filter }) => {
  const w = W[page.lang];
  return (
    <Layout page={page} id="admin" title={w.title}>
      <section class="card">
        <h2>{w.users}</h2>
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">{w.email}</th><th scope="col">{w.role}</th><th scope="col">{w.status}</th><th scope="col">{w.created}</th><th scope="col"></th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr class={u.disabled ? 'retracted' : undefined}>
                  <td>{u.email}</td>
                  <td>
                    <form data-form="role" data-email={u.email} class="inline-form">
                      <select name="role" aria-label={`${w.role} ${u.email}`} disabled={u.disabled}>
                        {ROLES.map((r) => <option value={r} selected={r === u.role}>{w[r]}</option>)}
                      </select>
                      {!u.disabled && <button type="submit">{w.save}</button>}
                      <p class="message" hidden></p>
                    </form>
                  </td>
                  <td>{u.disabled ? w.disabled : w.active}</td>
                  <td class="nowrap">{formatTimestamp(page.lang, u.createdAt)}</td>
                  <td>{!u.disabled && u.email !== page.user?.email && <button type="button" class="danger" data-disable-user={u.email}>{w.disable}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form data-form="user" class="inline-form">
          <label>{w.email} <input name="email" type="email" required maxlength={320} /></label>
          <label>{w.role} <select name="role">{ROLES.map((r) => <option value={r}>{w[r]}</option>)}</select></label>
          <label>{w.password} <input name="password" type="password" minlength={12} required autocomplete="new-password" /></label>
          <button type="submit" class="primary">{w.add}</button>
          <p class="message" hidden></p>
        </form>
      </section>
      <section class="card">
        <h2>{w.audit}</h2>
        <p>{w.auditIntro}</p>
        <form method="get" action="/admin" class="inline-form">
          <label>{w.what} <select name="action"><option value="">{w.all}</option>{actions.map((a) => <option value={a} selected={a === filter.action}>{a}</option>)}</select></label>
          <label>{w.who} <input name="actor" value={filter.actor ?? ''} maxlength={320} /></label>
          <label>{w.from} <input name="from" type="date" value={filter.from ?? ''} /></label>
          <label>{w.to} <input name="to" type="date" value={filter.to ?? ''} /></label>
          <button type="submit">{w.filter}</button>
        </form>
        {audit.length === 0 ? <p class="muted">{w.empty}</p> : (
          <div class="table-wrap">
            <table class="data" id="audit-table">
              <thead><tr><th scope="col">{w.when}</th><th scope="col">{w.who}</th><th scope="col">{w.what}</th><th scope="col">{w.target}</th><th scope="col">{w.details}</th></tr></thead>
              <tbody>
                {audit.map((a) => (
                  <tr><td class="nowrap">{a.at.slice(0, 19).replace('T', ' ')}</td><td>{a.actor}</td><td>{a.action}</td><td>{a.target ?? ''}</td><td><code>{a.details}</code></td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
};
