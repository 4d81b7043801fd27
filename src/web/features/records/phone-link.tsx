import { Anchor } from "@mantine/core";
import { formatPhone, phoneHref } from "@shared/phone-format";
import { usePhoneCountry } from "./use-home-country";

/** A phone number as every screen shows it: national in the reader's country, international otherwise, dialable. */
export function PhoneLink({ value }: { value: string }) {
  const home = usePhoneCountry();
  return (
    <Anchor href={phoneHref(value)} size="sm">
      {formatPhone(value, home)}
    </Anchor>
  );
}

/** The same number as plain text (list cells, hints). */
export function PhoneText({ value }: { value: string }) {
  return <>{formatPhone(value, usePhoneCountry())}</>;
}
