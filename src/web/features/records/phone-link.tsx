import { Anchor } from "@mantine/core";
import { formatPhone, phoneHref } from "@shared/phone-format";
import { useHomeCountry } from "./use-home-country";

/** A phone number as every screen shows it: national at home, international otherwise, dialable. */
export function PhoneLink({ value }: { value: string }) {
  const home = useHomeCountry();
  return (
    <Anchor href={phoneHref(value)} size="sm">
      {formatPhone(value, home)}
    </Anchor>
  );
}

/** The same number as plain text (list cells, hints). */
export function PhoneText({ value }: { value: string }) {
  return <>{formatPhone(value, useHomeCountry())}</>;
}
