import { useAppStore } from '../../../store';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Timestamp } from '../../../components/Timestamp';
import { TagsPanel } from '../tags/TagsPanel';
import { BotForm } from './BotForm';
import { DeleteBotButton } from './DeleteBotButton';

/** The bot last opened (DescribeAppInstanceBot): details, edit form, tags, deletion. */
export function BotPanel({ appInstanceArn }: { readonly appInstanceArn: string }) {
  const detail = useAppStore((s) => s.botDetail);
  const describe = useAppStore((s) => s.describeBot);
  const close = useAppStore((s) => s.closeBot);
  if (!detail) return null;
  const bot = detail.value;
  const arn = detail.key;
  const name = bot?.Name || arn;
  return (
    <div className="admin-section">
      <div className="card">
        <div className="card-header">
          <h3>{name}</h3>
          {detail.loading && <span className="muted">Loading…</span>}
          <span className="spacer" />
          <button type="button" onClick={close}>
            New bot…
          </button>
        </div>
        {detail.error && <ErrorMessage error={detail.error} onRetry={() => void describe(arn)} />}
        <dl className="props">
          <dt>ARN</dt>
          <dd className="mono">{arn}</dd>
          <dt>Lex bot alias</dt>
          <dd className="mono">{bot?.Configuration?.Lex?.LexBotAliasArn}</dd>
          <dt>Locale</dt>
          <dd>{bot?.Configuration?.Lex?.LocaleId}</dd>
          <dt>Created</dt>
          <dd>
            <Timestamp value={bot?.CreatedTimestamp} />
          </dd>
          <dt>Last updated</dt>
          <dd>
            <Timestamp value={bot?.LastUpdatedTimestamp} />
          </dd>
        </dl>
      </div>
      {bot && (
        <div className="card">
          <h3>Edit</h3>
          <BotForm key={`${arn}-${bot.LastUpdatedTimestamp ?? 0}`} appInstanceArn={appInstanceArn} bot={bot} />
        </div>
      )}
      <TagsPanel resourceArn={arn} resourceLabel="bot" />
      <div className="card admin-danger-zone">
        <DeleteBotButton arn={arn} name={name} />
      </div>
    </div>
  );
}
