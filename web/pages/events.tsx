import type { FC } from 'hono/jsx';
import { t } from '../../server/i18n/index.ts';
import { ActionsHeader, EditButton, EditRow, EmptyState, Field } from './components.tsx';
import { WithheldNotice } from './dashboard-parts.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';

export interface EventRow {
  id: number;
  date: string;
  to: string | null;
  title: string;
  description: string;
  areas: string[];
  controlArea: string | null;
}

const EventForm: FC<{ page: PageContext; prefix: string; event: EventRow | null; areas: { code: string; name: string }[]; closeId?: string }> = ({ page, prefix, event, areas, closeId }) => {
  const { lang } = page;
  const id = (f: string) => `${prefix}-${f}`;
  return (
    <form data-form="event" data-id={event ? String(event.id) : undefined} class="edit-form">
      <div class="form-grid">
        <Field id={id('date')} label={t(lang, 'events.date')}>
          <input id={id('date')} name="date" type="date" value={event?.date ?? ''} required />
        </Field>
        <Field id={id('to')} label={t(lang, 'events.to')} help={t(lang, 'events.toHelp')}>
          <input id={id('to')} name="to" type="date" value={event?.to ?? ''} />
        </Field>
        <Field id={id('title')} label={t(lang, 'events.titleField')}>
          <input id={id('title')} name="title" value={event?.title ?? ''} required maxlength={200} />
        </Field>
        <Field id={id('description')} label={t(lang, 'events.description')}>
          <textarea id={id('description')} name="description" rows={3} maxlength={5000}>{event?.description ?? ''}</textarea>
        </Field>
        <fieldset class="field checkboxes">
          <legend>{t(lang, 'events.areas')}</legend>
          {areas.map((a) => (
            <label class="checkbox">
              <input type="checkbox" name="areas" value={a.code} checked={event?.areas.includes(a.code) ?? false} /> {a.name}
            </label>
          ))}
          <p class="help">{t(lang, 'events.areasHelp')}</p>
        </fieldset>
        <Field id={id('control')} label={t(lang, 'events.control')} help={t(lang, 'events.controlHelp')}>
          <select id={id('control')} name="controlArea">
            <option value="">{t(lang, 'events.noControl')}</option>
            {areas.map((a) => <option value={a.code} selected={event?.controlArea === a.code}>{a.name}</option>)}
          </select>
        </Field>
      </div>
      <p class="message" hidden></p>
      <div class="actions">
        <button type="submit" class="primary">{t(lang, 'common.save')}</button>
        {closeId && <button type="button" data-close={closeId}>{t(lang, 'common.cancel')}</button>}
      </div>
    </form>
  );
};

/** Interventions: coordinators add, edit and remove them; everyone reads. They show on the time-series charts. */
export const EventsPage: FC<{ page: PageContext; events: EventRow[]; areas: { code: string; name: string }[]; withheld: number; minPopulation: number }> = ({ page, events, areas, withheld, minPopulation }) => {
  const { lang } = page;
  const canEdit = canAct(page, 'coordinator');
  const areaName = (code: string) => areas.find((a) => a.code === code)?.name ?? code;
  return (
    <Layout page={page} id="events" title={t(lang, 'events.title')}>
      <p class="lead">{t(lang, 'events.intro')}</p>
      <WithheldNotice lang={lang} withheld={withheld} minPopulation={minPopulation} />
      {canEdit && (
        <section id="event-new" class="card">
          <h2>{t(lang, 'events.new')}</h2>
          <EventForm page={page} prefix="new" event={null} areas={areas} />
        </section>
      )}
      {events.length === 0 ? (
        <EmptyState title={t(lang, 'events.empty')}>{canEdit && <p>{t(lang, 'events.emptyHint')}</p>}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="data" id="events-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'events.date')}</th>
                <th scope="col">{t(lang, 'events.titleField')}</th>
                <th scope="col">{t(lang, 'events.areas')}</th>
                {canEdit && <ActionsHeader label={t(lang, 'imports.actions')} />}
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <>
                  <tr data-event={String(e.id)}>
                    <td class="nowrap">{e.to ? `${e.date} – ${e.to}` : e.date}</td>
                    <td>
                      <strong>{e.title}</strong>
                      {e.description && <span class="sub">{e.description}</span>}
                      <a class="sub" href={`/events/${e.id}`}>{t(lang, 'events.evaluate')}</a>
                    </td>
                    <td>{e.areas.length ? e.areas.map(areaName).join(', ') : t(lang, 'events.allAreas')}</td>
                    {canEdit && (
                      <td class="row-actions">
                        <EditButton target={`event-edit-${e.id}`} label={t(lang, 'common.edit')} />
                        <button type="button" class="danger" data-remove-event={String(e.id)} data-title={e.title}>{t(lang, 'common.remove')}</button>
                      </td>
                    )}
                  </tr>
                  {canEdit && (
                    <EditRow id={`event-edit-${e.id}`} colspan={4}>
                      <EventForm page={page} prefix={`e${e.id}`} event={e} areas={areas} closeId={`event-edit-${e.id}`} />
                    </EditRow>
                  )}
                </>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
};
