/** The admin page's words (sv, en). */
import type { Lang } from '../lang.ts';

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

export type AdminWords = Record<string, string>;

export function adminWords(lang: Lang): AdminWords {
  return W[lang];
}
