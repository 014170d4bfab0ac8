import {
  describeFlag,
  type JourneyMap,
  moveRole,
  RACI_LIMITS,
  type RaciFlag,
  type RaciGrid,
  type RaciRole,
  removeRole,
  renameRole,
  roleLetterCount,
} from "@journeyboard/shared";
import { useBoardEdit } from "../commands/scope.js";
import { DraftField } from "../panels/draft-field.js";
import { useUi } from "../ui-state.js";

/**
 * A role's column header: its name (renamed in place), moving it left or right, removing it (asking
 * first when it holds letters: one undo step brings the role back with them), and its flags in words.
 */
export function RoleHeader(props: {
  map: JourneyMap;
  grid: RaciGrid;
  role: RaciRole;
  index: number;
  count: number;
  flags: readonly RaciFlag[];
}) {
  const { map, grid, role, index, count, flags } = props;
  const { readOnly, edit } = useBoardEdit();
  const remove = () => {
    const letters = roleLetterCount(map, role.id);
    if (letters === 0) {
      edit(() => removeRole(map, role.id));
      return;
    }
    useUi.getState().ask({
      title: `Remove ${role.name}?`,
      message: `${role.name} holds ${letters === 1 ? "1 letter" : `${letters} letters`} in the grid. They go with the role; undo brings both back.`,
      confirmLabel: "Remove role",
      run: () => edit(() => removeRole(map, role.id)),
    });
  };
  return (
    <th scope="col" className="raci-role">
      <DraftField
        className="raci-role-name"
        label="Role name"
        wrapped
        value={role.name}
        readOnly={readOnly}
        maxLength={RACI_LIMITS.roleName}
        onCommit={(name) => edit(() => renameRole(map, role.id, name))}
      />
      {!readOnly && (
        <span className="raci-role-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={`Move ${role.name} left`}
            title="Move left"
            disabled={index === 0}
            onClick={() => edit(() => moveRole(map, role.id, index - 1))}
          >
            ‹
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move ${role.name} right`}
            title="Move right"
            disabled={index === count - 1}
            onClick={() => edit(() => moveRole(map, role.id, index + 1))}
          >
            ›
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove role ${role.name}`}
            title="Remove this role"
            onClick={remove}
          >
            ×
          </button>
        </span>
      )}
      {flags.length > 0 && (
        <ul className="raci-flags">
          {flags.map((flag) => (
            <li key={flag.kind}>⚑ {describeFlag(flag, grid, "inline")}</li>
          ))}
        </ul>
      )}
    </th>
  );
}
