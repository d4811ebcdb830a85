import { UserName } from '../../../../../shared/chime/shapes';
import { NameMetadataForm } from '../forms/NameMetadataForm';
import type { AppInstanceUser } from '../chimeModels';
import { updateUser } from './userActions';

/** UpdateAppInstanceUser: name and metadata are replaced together. */
export function UpdateUserForm({ user }: { readonly user: AppInstanceUser }) {
  return (
    <NameMetadataForm
      operation="UpdateAppInstanceUser"
      formLabel="Edit user"
      nameShape={UserName}
      target={{ AppInstanceUserArn: user.AppInstanceUserArn }}
      name={user.Name}
      metadata={user.Metadata}
      save={updateUser}
    />
  );
}
