import type { Child, FC } from 'hono/jsx';

/** A friendly "nothing here yet" box that says what to do next. */
export const EmptyState: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <div class="empty-state">
    <p class="empty-title">{title}</p>
    {children}
  </div>
);

export const Notice: FC<{ kind?: 'info' | 'ok' | 'error'; children?: Child }> = ({ kind = 'info', children }) => (
  <p class={`message message-${kind}`} role={kind === 'error' ? 'alert' : undefined}>{children}</p>
);

/** JSON for client scripts, escaped so no value can close the tag or open a comment. */
export function safeJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Data for a client script: `<script type="application/json" id="…">`, which the CSP allows
 * because it is never executed. Read it with JSON.parse(document.getElementById(id).textContent).
 */
export const JsonData: FC<{ id: string; data: unknown }> = ({ id, data }) => (
  <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: safeJson(data) }}></script>
);

/** A label + input pair for the edit forms. */
export const Field: FC<{ id: string; label: string; help?: string; children?: Child }> = ({ id, label, help, children }) => (
  <div class="field">
    <label for={id}>{label}</label>
    {children}
    {help && <p class="help" id={`${id}-help`}>{help}</p>}
  </div>
);

/** The header cell over a table's row buttons: named for screen readers, blank on screen. */
export const ActionsHeader: FC<{ label: string }> = ({ label }) => (
  <th scope="col"><span class="visually-hidden">{label}</span></th>
);

/** The button that opens a row's hidden edit form (`EditRow` with the same id). */
export const EditButton: FC<{ target: string; label: string }> = ({ target, label }) => (
  <button type="button" data-toggle={target} aria-expanded="false" aria-controls={target}>{label}</button>
);

/** A hidden table row under a data row that holds its edit form, spanning the whole table. */
export const EditRow: FC<{ id: string; colspan: number; children?: Child }> = ({ id, colspan, children }) => (
  <tr id={id} class="edit-row" hidden>
    <td colspan={colspan}>{children}</td>
  </tr>
);
