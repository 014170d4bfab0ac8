import {
  ACCOUNTABLE_SHARE,
  describeFlag,
  type JourneyMap,
  type RaciCheck,
  type RaciGrid,
  setAccountableShare,
} from "@journeyboard/shared";
import { useBoardEdit } from "../commands/scope.js";
import { DraftField } from "../panels/draft-field.js";

/**
 * The grid's checks in words, live for everyone: each activity's one A and at least one R, roles that
 * do no work or own too much, activities with no stage. Flags never block an edit or a download.
 */
export function ChecksSummary({ map, grid, check }: { map: JourneyMap; grid: RaciGrid; check: RaciCheck }) {
  const { readOnly, edit } = useBoardEdit();
  const count = check.flags.length;
  return (
    <section className="raci-checks" aria-label="Checks">
      <h3>Checks</h3>
      <p role="status" aria-label="Checks summary" className={count > 0 ? "verdict warn" : "verdict"}>
        {grid.activities.length === 0
          ? "Nothing to check yet."
          : count === 0
            ? "Every activity has one Accountable, someone Responsible and a stage; every role does some work."
            : count === 1
              ? "1 problem to look at (the grid can still be edited and downloaded)."
              : `${count} problems to look at (the grid can still be edited and downloaded).`}
      </p>
      {count > 0 && (
        <ul className="raci-check-list">
          {check.flags.map((flag) => (
            <li key={`${flag.kind}:${"activityId" in flag ? flag.activityId : flag.roleId}`}>
              {describeFlag(flag, grid)}
            </li>
          ))}
        </ul>
      )}
      <div className="share-row raci-share-row">
        Flag a role Accountable for more than
        <DraftField
          className="raci-share"
          label="Largest share of activities one role is Accountable for, in percent"
          value={String(Math.round(grid.accountableShare * 100))}
          readOnly={readOnly}
          maxLength={3}
          onCommit={(typed) => {
            const percent = Number(typed);
            if (Number.isFinite(percent) && typed.trim() !== "") edit(() => setAccountableShare(map, percent / 100));
          }}
        />
        % of the activities (between {ACCOUNTABLE_SHARE.min * 100} and {ACCOUNTABLE_SHARE.max * 100})
      </div>
    </section>
  );
}
