import type { AccountAbilities } from "@domain/policy/policy";
import { FullPageLoader } from "@web/components/full-page-loader";
import { RouteErrorPage } from "@web/components/route-error-page";
import { loginLoader, requireSessionLoader, setupLoader } from "@web/features/auth/auth-loaders";
import { ForgotPasswordPage } from "@web/features/auth/forgot-password-page";
import { LoginPage } from "@web/features/auth/login-page";
import { ResetPasswordPage } from "@web/features/auth/reset-password-page";
import { SetupPage } from "@web/features/auth/setup-page";
import { prefetchBoardLoader } from "@web/features/deals/board/board-prefetch";
import { LeadsPage } from "@web/features/leads/leads-page";
import { RequireAbility } from "@web/features/settings/require-ability";
import { SettingsLayout } from "@web/features/settings/settings-layout";
import { AppShellLayout } from "@web/features/shell/app-shell-layout";
import { NotFoundPage } from "@web/features/shell/not-found-page";
import type { ComponentType } from "react";
import { createBrowserRouter, Navigate } from "react-router";

/**
 * Pages other than the lead list load their code when first opened (issue #15: the lead list's first
 * load stays light); a settings page behind a right gets its guard around the loaded page.
 */
function guarded(ability: keyof AccountAbilities, page: Promise<ComponentType>) {
  return page.then((Page) => ({
    element: (
      <RequireAbility ability={ability}>
        <Page />
      </RequireAbility>
    ),
  }));
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      { path: "/setup", loader: setupLoader, element: <SetupPage /> },
      { path: "/login", loader: loginLoader, element: <LoginPage /> },
      { path: "/forgot-password", loader: loginLoader, element: <ForgotPasswordPage /> },
      // No session guard: a logged-in user may open a reset link too (e.g. for a colleague's test account).
      { path: "/reset-password", element: <ResetPasswordPage /> },
      {
        loader: requireSessionLoader,
        element: <AppShellLayout />,
        children: [
          {
            index: true,
            lazy: () =>
              import("@web/features/reports/dashboard-page").then((m) => ({ Component: m.DashboardPage })),
          },
          { path: "leads", element: <LeadsPage /> },
          {
            path: "leads/:id",
            lazy: () =>
              import("@web/features/leads/detail/lead-detail-page").then((m) => ({
                Component: m.LeadDetailPage,
              })),
          },
          {
            path: "contacts",
            lazy: () =>
              import("@web/features/contacts/contacts-page").then((m) => ({ Component: m.ContactsPage })),
          },
          {
            path: "contacts/merge",
            lazy: () =>
              import("@web/features/contacts/merge/contact-merge-page").then((m) => ({
                Component: m.ContactMergePage,
              })),
          },
          {
            path: "contacts/:id",
            lazy: () =>
              import("@web/features/contacts/detail/contact-detail-page").then((m) => ({
                Component: m.ContactDetailPage,
              })),
          },
          {
            path: "companies",
            lazy: () =>
              import("@web/features/companies/companies-page").then((m) => ({ Component: m.CompaniesPage })),
          },
          {
            path: "companies/merge",
            lazy: () =>
              import("@web/features/companies/merge/company-merge-page").then((m) => ({
                Component: m.CompanyMergePage,
              })),
          },
          {
            path: "companies/:id",
            lazy: () =>
              import("@web/features/companies/detail/company-detail-page").then((m) => ({
                Component: m.CompanyDetailPage,
              })),
          },
          {
            path: "deals",
            // The board's request leaves with the session check, not after the page's code (#21 pt 3).
            loader: prefetchBoardLoader,
            lazy: () => import("@web/features/deals/deals-page").then((m) => ({ Component: m.DealsPage })),
          },
          {
            path: "deals/list",
            lazy: () =>
              import("@web/features/deals/list/deal-list-page").then((m) => ({ Component: m.DealListPage })),
          },
          {
            path: "deals/:id",
            lazy: () =>
              import("@web/features/deals/detail/deal-detail-page").then((m) => ({
                Component: m.DealDetailPage,
              })),
          },
          { path: "activities", element: <Navigate to="/my-work" replace /> },
          {
            path: "my-work",
            lazy: () =>
              import("@web/features/my-work/my-work-page").then((m) => ({ Component: m.MyWorkPage })),
          },
          {
            path: "calendar",
            lazy: () =>
              import("@web/features/calendar/calendar-page").then((m) => ({ Component: m.CalendarPage })),
          },
          {
            path: "reports",
            lazy: () =>
              import("@web/features/reports/reports-page").then((m) => ({ Component: m.ReportsPage })),
          },
          {
            path: "import",
            lazy: () =>
              import("@web/features/imports/import-page").then((m) => ({ Component: m.ImportPage })),
          },
          {
            path: "import/:id",
            lazy: () =>
              import("@web/features/imports/import-page").then((m) => ({ Component: m.ImportPage })),
          },
          {
            path: "settings",
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="profile" replace /> },
              {
                path: "profile",
                lazy: () =>
                  import("@web/features/account/profile-page").then((m) => ({ Component: m.ProfilePage })),
              },
              {
                path: "password",
                lazy: () =>
                  import("@web/features/account/password-page").then((m) => ({ Component: m.PasswordPage })),
              },
              {
                path: "api-tokens",
                lazy: () =>
                  import("@web/features/api-tokens/api-tokens-page").then((m) => ({
                    Component: m.ApiTokensPage,
                  })),
              },
              {
                path: "profile",
                lazy: () =>
                  import("@web/features/account/profile-page").then((m) => ({ Component: m.ProfilePage })),
              },
              {
                path: "password",
                lazy: () =>
                  import("@web/features/account/password-page").then((m) => ({ Component: m.PasswordPage })),
              },
              {
                path: "security",
                lazy: () =>
                  import("@web/features/account/security-page").then((m) => ({ Component: m.SecurityPage })),
              },
              {
                path: "api-tokens",
                lazy: () =>
                  import("@web/features/api-tokens/api-tokens-page").then((m) => ({
                    Component: m.ApiTokensPage,
                  })),
              },
              {
                path: "users",
                lazy: () =>
                  guarded(
                    "user.list",
                    import("@web/features/users/users-page").then((m) => m.UsersPage),
                  ),
              },
              {
                path: "teams",
                lazy: () =>
                  guarded(
                    "settings.read",
                    import("@web/features/teams/teams-page").then((m) => m.TeamsPage),
                  ),
              },
              {
                path: "custom-fields",
                lazy: () =>
                  guarded(
                    "custom_field.manage",
                    import("@web/features/custom-fields/custom-fields-page").then((m) => m.CustomFieldsPage),
                  ),
              },
              {
                path: "leads",
                lazy: () =>
                  guarded(
                    "settings.read",
                    import("@web/features/leads/settings/lead-settings-page").then((m) => m.LeadSettingsPage),
                  ),
              },
              {
                path: "win-model",
                lazy: () =>
                  guarded(
                    "settings.manage",
                    import("@web/features/win-model/win-model-page").then((m) => m.WinModelPage),
                  ),
              },
              {
                path: "pipelines",
                lazy: () =>
                  guarded(
                    "pipeline.manage",
                    import("@web/features/pipelines/pipeline-settings-page").then(
                      (m) => m.PipelineSettingsPage,
                    ),
                  ),
              },
              {
                path: "products",
                lazy: () =>
                  guarded(
                    "product.manage",
                    import("@web/features/quotes/products-settings-page").then((m) => m.ProductsSettingsPage),
                  ),
              },
              {
                path: "letterhead",
                lazy: () =>
                  guarded(
                    "settings.manage",
                    import("@web/features/quotes/letterhead-settings-page").then(
                      (m) => m.LetterheadSettingsPage,
                    ),
                  ),
              },
              {
                path: "forms",
                lazy: () =>
                  guarded(
                    "form.manage",
                    import("@web/features/forms/forms-page").then((m) => m.FormsPage),
                  ),
              },
              {
                path: "forms/:id",
                lazy: () =>
                  guarded(
                    "form.manage",
                    import("@web/features/forms/form-builder-page").then((m) => m.FormBuilderPage),
                  ),
              },
              {
                path: "permissions",
                lazy: () =>
                  guarded(
                    "settings.manage",
                    import("@web/features/permissions/permissions-page").then((m) => m.PermissionsPage),
                  ),
              },
              {
                path: "intake",
                lazy: () =>
                  guarded(
                    "intake.view",
                    import("@web/features/intake/intake-page").then((m) => m.IntakePage),
                  ),
              },
              {
                path: "audit",
                lazy: () =>
                  guarded(
                    "audit.read",
                    import("@web/features/audit/audit-page").then((m) => m.AuditPage),
                  ),
              },
              {
                path: "email",
                lazy: () =>
                  guarded(
                    "settings.manage",
                    import("@web/features/mail/email-settings-page").then((m) => m.EmailSettingsPage),
                  ),
              },
              {
                path: "webhooks",
                lazy: () =>
                  guarded(
                    "webhook.manage",
                    import("@web/features/webhooks/webhooks-page").then((m) => m.WebhooksPage),
                  ),
              },
              {
                path: "data-protection",
                lazy: () =>
                  guarded(
                    "gdpr.manage",
                    import("@web/features/gdpr/data-protection-page").then((m) => m.DataProtectionPage),
                  ),
              },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
