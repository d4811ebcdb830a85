import { VERDICT_WORDS, type DoctorCheck } from '../../../../shared/doctor/report';
import { CopyFixButton } from './CopyFixButton';

/** One check: its verdict as a word (not only a colour), what was found, the calls it used, and the fix. */
export function DoctorCheckItem({ check }: { check: DoctorCheck }) {
  return (
    <li className={`doctor-check doctor-${check.verdict}${check.skipped ? ' doctor-skipped' : ''}`}>
      <span className={`doctor-verdict doctor-verdict-${check.verdict}`}>{VERDICT_WORDS[check.verdict]}</span>
      <div className="doctor-check-body">
        <div>
          <strong>{check.name}</strong>: {check.detail}
        </div>
        {check.uses.length > 0 && <div className="small muted">Checked with {check.uses.join(', ')}</div>}
        {check.fix && (
          <div className="doctor-fix">
            <div>
              <span className="doctor-fix-label">Fix:</span> {check.fix.text}
            </div>
            {check.fix.commands.length > 0 && (
              <>
                <pre className="doctor-commands mono">{check.fix.commands.join('\n')}</pre>
                <CopyFixButton commands={check.fix.commands} />
              </>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
