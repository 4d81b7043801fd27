import { FullPageLoader } from "@web/components/full-page-loader";
import { RouteErrorPage } from "@web/components/route-error-page";
import { PasswordPage } from "@web/features/account/password-page";
import { ProfilePage } from "@web/features/account/profile-page";
import { ApiTokensPage } from "@web/features/api-tokens/api-tokens-page";
import { loginLoader, requireSessionLoader, setupLoader } from "@web/features/auth/auth-loaders";
import { LoginPage } from "@web/features/auth/login-page";
import { SetupPage } from "@web/features/auth/setup-page";
import { CalendarPage } from "@web/features/calendar/calendar-page";
import { CompaniesPage } from "@web/features/companies/companies-page";
import { CompanyDetailPage } from "@web/features/companies/detail/company-detail-page";
import { CompanyMergePage } from "@web/features/companies/merge/company-merge-page";
import { ContactsPage } from "@web/features/contacts/contacts-page";
import { ContactDetailPage } from "@web/features/contacts/detail/contact-detail-page";
import { ContactMergePage } from "@web/features/contacts/merge/contact-merge-page";
import { DealsPage } from "@web/features/deals/deals-page";
import { DealDetailPage } from "@web/features/deals/detail/deal-detail-page";
import { DealListPage } from "@web/features/deals/list/deal-list-page";
import { FormBuilderPage } from "@web/features/forms/form-builder-page";
import { FormsPage } from "@web/features/forms/forms-page";
import { ImportPage } from "@web/features/imports/import-page";
import { IntakePage } from "@web/features/intake/intake-page";
import { LeadDetailPage } from "@web/features/leads/detail/lead-detail-page";
import { LeadsPage } from "@web/features/leads/leads-page";
import { LeadSettingsPage } from "@web/features/leads/settings/lead-settings-page";
import { EmailSettingsPage } from "@web/features/mail/email-settings-page";
import { MyWorkPage } from "@web/features/my-work/my-work-page";
import { PermissionsPage } from "@web/features/permissions/permissions-page";
import { PipelineSettingsPage } from "@web/features/pipelines/pipeline-settings-page";
import { ProductsSettingsPage } from "@web/features/quotes/products-settings-page";
import { DashboardPage } from "@web/features/reports/dashboard-page";
import { ReportsPage } from "@web/features/reports/reports-page";
import { RequireAbility } from "@web/features/settings/require-ability";
import { SettingsLayout } from "@web/features/settings/settings-layout";
import { AppShellLayout } from "@web/features/shell/app-shell-layout";
import { NotFoundPage } from "@web/features/shell/not-found-page";
import { TeamsPage } from "@web/features/teams/teams-page";
import { UsersPage } from "@web/features/users/users-page";
import { createBrowserRouter, Navigate } from "react-router";

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      { path: "/setup", loader: setupLoader, element: <SetupPage /> },
      { path: "/login", loader: loginLoader, element: <LoginPage /> },
      {
        loader: requireSessionLoader,
        element: <AppShellLayout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: "leads", element: <LeadsPage /> },
          { path: "leads/:id", element: <LeadDetailPage /> },
          { path: "contacts", element: <ContactsPage /> },
          { path: "contacts/merge", element: <ContactMergePage /> },
          { path: "contacts/:id", element: <ContactDetailPage /> },
          { path: "companies", element: <CompaniesPage /> },
          { path: "companies/merge", element: <CompanyMergePage /> },
          { path: "companies/:id", element: <CompanyDetailPage /> },
          { path: "deals", element: <DealsPage /> },
          { path: "deals/list", element: <DealListPage /> },
          { path: "deals/:id", element: <DealDetailPage /> },
          { path: "activities", element: <Navigate to="/my-work" replace /> },
          { path: "my-work", element: <MyWorkPage /> },
          { path: "calendar", element: <CalendarPage /> },
          { path: "reports", element: <ReportsPage /> },
          { path: "import", element: <ImportPage /> },
          { path: "import/:id", element: <ImportPage /> },
          {
            path: "settings",
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="profile" replace /> },
              { path: "profile", element: <ProfilePage /> },
              { path: "password", element: <PasswordPage /> },
              { path: "api-tokens", element: <ApiTokensPage /> },
              {
                path: "users",
                element: (
                  <RequireAbility ability="user.list">
                    <UsersPage />
                  </RequireAbility>
                ),
              },
              {
                path: "teams",
                element: (
                  <RequireAbility ability="settings.read">
                    <TeamsPage />
                  </RequireAbility>
                ),
              },
              {
                path: "leads",
                element: (
                  <RequireAbility ability="settings.read">
                    <LeadSettingsPage />
                  </RequireAbility>
                ),
              },
              {
                path: "pipelines",
                element: (
                  <RequireAbility ability="pipeline.manage">
                    <PipelineSettingsPage />
                  </RequireAbility>
                ),
              },
              {
                path: "products",
                element: (
                  <RequireAbility ability="product.manage">
                    <ProductsSettingsPage />
                  </RequireAbility>
                ),
              },
              {
                path: "forms",
                element: (
                  <RequireAbility ability="form.manage">
                    <FormsPage />
                  </RequireAbility>
                ),
              },
              {
                path: "forms/:id",
                element: (
                  <RequireAbility ability="form.manage">
                    <FormBuilderPage />
                  </RequireAbility>
                ),
              },
              {
                path: "permissions",
                element: (
                  <RequireAbility ability="settings.manage">
                    <PermissionsPage />
                  </RequireAbility>
                ),
              },
              {
                path: "intake",
                element: (
                  <RequireAbility ability="intake.view">
                    <IntakePage />
                  </RequireAbility>
                ),
              },
              {
                path: "email",
                element: (
                  <RequireAbility ability="settings.manage">
                    <EmailSettingsPage />
                  </RequireAbility>
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
