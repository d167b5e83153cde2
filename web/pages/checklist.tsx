import type { FC } from 'hono/jsx';
import { t, type Lang, type MessageKey } from '../../server/i18n/index.ts';
import type { Checklist, ChecklistStep } from '../../server/usecases/checklist.ts';

const STEP_HREF: Record<ChecklistStep, string> = {
  areas: '/upload?kind=areas', flow: '/upload?kind=flow', lab: '/upload?kind=lab', baseline: '/campaigns', report: '/report',
};

/**
 * The first-hour checklist: every step with its state, the next one as the page's main button.
 * Done steps are ticked (and say so to screen readers); later steps stay readable but are not links,
 * so nobody starts with the lab file.
 */
export const SetupChecklist: FC<{ lang: Lang; checklist: Checklist }> = ({ lang, checklist }) => {
  const done = checklist.steps.filter((s) => s.done).length;
  return (
    <section class="card checklist" id="checklist" aria-labelledby="checklist-title">
      <h2 class="card-title" id="checklist-title">{t(lang, 'checklist.title')}</h2>
      <p class="help">{t(lang, 'checklist.progress', { done, total: checklist.steps.length })}. {t(lang, 'checklist.intro')}</p>
      <ol class="checklist-steps">
        {checklist.steps.map(({ step, done: isDone }) => {
          const isNext = checklist.next === step;
          const label = t(lang, `checklist.${step}` as MessageKey);
          return (
            <li class={`checklist-step${isDone ? ' done' : ''}${isNext ? ' next' : ''}`} data-step={step} data-done={isDone ? '1' : '0'}>
              <span class="checklist-mark" aria-hidden="true">{isDone ? '✓' : ''}</span>
              <div>
                {isNext
                  ? <a class="button primary" href={STEP_HREF[step]} aria-describedby={`checklist-${step}-help`}>{label}</a>
                  : <span class="checklist-label">{label}</span>}
                <span class="visually-hidden"> ({t(lang, isDone ? 'checklist.done' : isNext ? 'checklist.now' : 'checklist.todo')})</span>
                <p class="help" id={`checklist-${step}-help`}>{t(lang, `checklist.${step}.help` as MessageKey)}</p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
};
