import { ColumnChooser } from "@web/components/column-chooser";
import { customFieldKeyOfColumn } from "../custom-field-list-filters";
import type { CustomListColumns } from "./use-custom-list-columns";

interface CustomColumnChooserProps<C extends string> {
  label: string;
  /** The list's own optional columns. */
  own: readonly { id: C; label: string }[];
  visible: readonly C[];
  onChange: (visible: C[]) => void;
  /** The list's custom field columns, offered after its own. */
  custom: CustomListColumns;
}

/** A list's column chooser with its own columns and then the entity's custom fields. */
export function CustomColumnChooser<C extends string>(props: CustomColumnChooserProps<C>) {
  const { own, visible, onChange, custom } = props;
  return (
    <ColumnChooser
      label={props.label}
      columns={custom.chooserColumns(own)}
      visible={[...visible, ...custom.columns]}
      onChange={(next) => {
        onChange(own.filter((c) => next.includes(c.id)).map((c) => c.id));
        custom.setColumns(next.filter((c) => customFieldKeyOfColumn(c) !== null));
      }}
    />
  );
}
