/** One-click choices under "Pinpoint app ARN": the apps this AppInstance's loaded endpoints already use. */
export function PinpointArnChoices({
  arns,
  current,
  onPick,
}: {
  readonly arns: readonly string[];
  readonly current: string;
  readonly onPick: (arn: string) => void;
}) {
  const others = arns.filter((a) => a !== current.trim()).slice(0, 5);
  if (others.length === 0) return null;
  return (
    <div className="field-hint">
      Used in this app instance:
      <ul aria-label="Pinpoint apps used in this app instance" className="inline-list">
        {others.map((arn) => (
          <li key={arn}>
            <button type="button" className="link mono" aria-label={`Use ${arn}`} onClick={() => onPick(arn)}>
              {arn.slice(arn.lastIndexOf('/') + 1)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
