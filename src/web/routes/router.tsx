import { FullPageLoader } from "@web/components/full-page-loader";
import { RouteErrorPage } from "@web/components/route-error-page";
import { PasswordPage } from "@web/features/account/password-page";
import { ProfilePage } from "@web/features/account/profile-page";
import { ActivitiesPage } from "@web/features/activities/activities-page";
import { ApiTokensPage } from "@web/features/api-tokens/api-tokens-page";
import { loginLoader, requireSessionLoader, setupLoader } from "@web/features/auth/auth-loaders";
import { LoginPage } from "@web/features/auth/login-page";
import { canSeeLeadSettings, canSeeTeamSettings, canSeeUsers } from "@web/features/auth/permissions";
import { SetupPage } from "@web/features/auth/setup-page";
import { CompaniesPage } from "@web/features/companies/companies-page";
import { CompanyDetailPage } from "@web/features/companies/detail/company-detail-page";
import { ContactsPage } from "@web/features/contacts/contacts-page";
import { ContactDetailPage } from "@web/features/contacts/detail/contact-detail-page";
import { DealsPage } from "@web/features/deals/deals-page";
import { LeadDetailPage } from "@web/features/leads/detail/lead-detail-page";
import { LeadsPage } from "@web/features/leads/leads-page";
import { LeadSettingsPage } from "@web/features/leads/settings/lead-settings-page";
import { ReportsPage } from "@web/features/reports/reports-page";
import { RequireRole } from "@web/features/settings/require-role";
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
          { index: true, element: <Navigate to="/leads" replace /> },
          { path: "leads", element: <LeadsPage /> },
          { path: "leads/:id", element: <LeadDetailPage /> },
          { path: "contacts", element: <ContactsPage /> },
          { path: "contacts/:id", element: <ContactDetailPage /> },
          { path: "companies", element: <CompaniesPage /> },
          { path: "companies/:id", element: <CompanyDetailPage /> },
          { path: "deals", element: <DealsPage /> },
          { path: "activities", element: <ActivitiesPage /> },
          { path: "reports", element: <ReportsPage /> },
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
                  <RequireRole allow={canSeeUsers}>
                    <UsersPage />
                  </RequireRole>
                ),
              },
              {
                path: "teams",
                element: (
                  <RequireRole allow={canSeeTeamSettings}>
                    <TeamsPage />
                  </RequireRole>
                ),
              },
              {
                path: "leads",
                element: (
                  <RequireRole allow={canSeeLeadSettings}>
                    <LeadSettingsPage />
                  </RequireRole>
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
