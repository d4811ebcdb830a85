import { useAppStore } from '../../../store';
import { NonEmptyResourceName } from '../../../../../shared/chime/shapes';
import { NameMetadataForm } from '../forms/NameMetadataForm';
import type { AppInstance } from '../chimeModels';

/** UpdateAppInstance: the service replaces both name and metadata. */
export function UpdateAppInstanceForm({ appInstance }: { readonly appInstance: AppInstance }) {
  const update = useAppStore((s) => s.updateAppInstance);
  return (
    <NameMetadataForm
      operation="UpdateAppInstance"
      formLabel="Edit app instance"
      nameShape={NonEmptyResourceName}
      target={{ AppInstanceArn: appInstance.AppInstanceArn }}
      name={appInstance.Name}
      metadata={appInstance.Metadata}
      save={update}
    />
  );
}
