<?xml version="1.0" encoding="UTF-8"?>
<!--
  home.xsl: the start page: what needs my attention. For staff:
  handovers waiting for my answer, the relay logs I hold or take part in
  (a leader also the unit's), measures to evaluate, upcoming meetings,
  my concerns (a leader: the unit's), drafts and the forms to start. For
  guardians and youths: their relay logs. For administrators: the admin
  pages (people, units, partners, the action guide). Notices to partners that did not arrive as they should (not
  sent because nobody can take them, not confirmed in time, given up)
  are shown first to their sender; the
  administrators see all of them, and partners that keep failing, with no
  case named. View: h_home.c.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Start page')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="i:t('Start page')"/></h1>
    <!-- A leader is alerted to urgent concerns in the unit at once. -->
    <xsl:if test="concerns[@scope = 'unit']/concern[@urgent]">
      <div class="callout urgent" role="alert">
        <h2><xsl:value-of select="i:t('Urgent concerns in the unit')"/></h2>
        <ul>
          <xsl:for-each select="concerns/concern[@urgent]">
            <li>
              <a href="/concerns/{@id}"><xsl:value-of select="@reference"/></a>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="i:t('written by {0}', @author)"/>
              <xsl:text>, </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:apply-templates select="alerts[alert]"/>
    <xsl:apply-templates select="passed[concern]"/>
    <xsl:apply-templates select="handovers[handover]"/>
    <xsl:if test="user/@role = 'employee' or user/@role = 'leader'">
      <p class="actions">
        <a class="button primary" href="/forms/concern"><xsl:value-of select="i:t('Write down a concern')"/></a>
      </p>
    </xsl:if>
    <!-- Drafts come back first: a concern begun on Friday is finished on
         Monday from here. -->
    <xsl:apply-templates select="drafts[draft]"/>
    <xsl:if test="user/@role = 'leader'">
      <p><a href="/feedback"><xsl:value-of select="i:t('The families’ feedback on the unit')"/></a></p>
    </xsl:if>
    <xsl:if test="user/@role = 'citizen'">
      <p class="intro"><xsl:value-of select="i:t('When a kindergarten, school or other service works with your family about a child, everything they write is gathered in the child’s relay log. You can read all of it, add notes, withdraw consent and see who has read it.')"/></p>
    </xsl:if>
    <xsl:apply-templates select="feedback-asked[feedback]"/>
    <xsl:apply-templates select="measures"/>
    <xsl:apply-templates select="meetings"/>
    <xsl:apply-templates select="teams"/>
    <xsl:apply-templates select="logs"/>
    <xsl:apply-templates select="consultations[consultation]"/>
    <xsl:apply-templates select="concerns"/>
    <xsl:apply-templates select="forms"/>
    <xsl:if test="user/@role = 'admin'">
      <p><xsl:value-of select="i:t('As an administrator you manage the units, the people who log in, the partners and the action guide. You do not see children’s cases.')"/></p>
      <ul class="links">
        <li><a href="/admin/people"><xsl:value-of select="i:t('People: who can log in, their role, unit and e-mail address')"/></a></li>
        <li><a href="/admin/units"><xsl:value-of select="i:t('Units: kindergartens, schools and services')"/></a></li>
        <li><a href="/admin/teams"><xsl:value-of select="i:t('Teams: discussion teams and teams with an intake, and their members')"/></a></li>
        <li><a href="/admin/partners"><xsl:value-of select="i:t('Partners: where notices go, and how their delivery goes')"/></a></li>
        <li><a href="/admin/guide"><xsl:value-of select="i:t('The action guide: steps, tools and deadlines')"/></a></li>
        <li><a href="/feedback"><xsl:value-of select="i:t('The families’ feedback, counted per service')"/></a></li>
      </ul>
      <p class="muted"><xsl:value-of select="i:t('The forms are files on the server: the operator changes them and reloads the service. Passwords and API tokens are set there too (stafett user password, stafett token create).')"/></p>
    </xsl:if>
  </xsl:template>

  <!-- ===================================== notices that did not arrive -->
  <xsl:template match="alerts">
    <section class="callout urgent" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        <xsl:choose>
          <xsl:when test="@scope = 'admin'"><xsl:value-of select="i:t('Deliveries to partners that need attention')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('Notices you sent that did not arrive as they should')"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <ul>
        <xsl:for-each select="alert">
          <xsl:variable name="what"><xsl:call-template name="notice-kind"><xsl:with-param name="k" select="@notice-kind"/></xsl:call-template></xsl:variable>
          <xsl:variable name="since"><xsl:call-template name="datetime"><xsl:with-param name="d" select="@since"/></xsl:call-template></xsl:variable>
          <li class="alert-{@kind}">
            <xsl:choose>
              <xsl:when test="@kind = 'no_receiver'">
                <xsl:variable name="svc">
                  <xsl:call-template name="service">
                    <xsl:with-param name="code">
                      <xsl:choose>
                        <xsl:when test="@notice-kind = 'cw_report' and not(@service)">child_welfare</xsl:when>
                        <xsl:otherwise><xsl:value-of select="@service"/></xsl:otherwise>
                      </xsl:choose>
                    </xsl:with-param>
                  </xsl:call-template>
                </xsl:variable>
                <xsl:choose>
                  <xsl:when test="../@scope = 'admin'">
                    <a>
                      <xsl:attribute name="href">
                        <xsl:choose>
                          <xsl:when test="@partner"><xsl:value-of select="concat('/admin/partners/', @partner)"/></xsl:when>
                          <xsl:otherwise>/admin/partners</xsl:otherwise>
                        </xsl:choose>
                      </xsl:attribute>
                      <xsl:value-of select="i:t('Notice {0}', @notice)"/>
                    </a>
                    <xsl:text> (</xsl:text><xsl:value-of select="$what"/><xsl:text>, </xsl:text><xsl:value-of select="$svc"/><xsl:text>): </xsl:text>
                    <xsl:choose>
                      <xsl:when test="@partner"><xsl:value-of select="i:t('not sent: {0}, the partner it waits for, is paused (since {1}). Resume it, or tell the sender to reach the service another way.', @partner-name, $since)"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="i:t('not sent: no active partner of this service takes it (since {0}). Register one, or resume the one that is paused; the sender has been told to reach the service another way.', $since)"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:when>
                  <xsl:otherwise>
                    <strong><xsl:value-of select="$what"/></strong>
                    <xsl:text> (</xsl:text><xsl:value-of select="$since"/><xsl:text>): </xsl:text>
                    <xsl:choose>
                      <xsl:when test="@notice-kind = 'cw_report'"><xsl:value-of select="i:t('not sent: no receiver is registered for child welfare, or deliveries to it are paused. Phone them. The administrators have been alerted.')"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="i:t('not sent: no receiver is registered for {0}, or deliveries to it are paused. Contact them another way. The administrators have been alerted.', $svc)"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:text> </xsl:text>
                    <xsl:choose>
                      <xsl:when test="@log"><a href="/logs/{@log}#notices"><xsl:value-of select="i:t('relay log {0}', @reference)"/></a></xsl:when>
                      <xsl:when test="@concern"><a href="/concerns/{@concern}#notices"><xsl:value-of select="i:t('concern {0}', @reference)"/></a></xsl:when>
                    </xsl:choose>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:when>
              <xsl:when test="@kind = 'partner_failing'">
                <a href="/admin/partners/{@partner}"><xsl:value-of select="@partner-name"/></a>
                <xsl:text>: </xsl:text>
                <xsl:value-of select="i:t('its latest deliveries all failed (since {0}). Check its endpoint, certificate and secrets.', $since)"/>
              </xsl:when>
              <xsl:when test="../@scope = 'admin'">
                <a>
                  <xsl:attribute name="href">
                    <xsl:value-of select="concat('/admin/partners/', @partner, '?status=')"/>
                    <xsl:choose>
                      <xsl:when test="@kind = 'dead'">dead</xsl:when>
                      <xsl:otherwise>delivered</xsl:otherwise>
                    </xsl:choose>
                    <xsl:value-of select="concat('#notice-', @notice)"/>
                  </xsl:attribute>
                  <xsl:value-of select="i:t('Notice {0}', @notice)"/>
                </a>
                <xsl:text> (</xsl:text><xsl:value-of select="$what"/><xsl:text>, </xsl:text><xsl:value-of select="@partner-name"/><xsl:text>): </xsl:text>
                <xsl:choose>
                  <xsl:when test="@kind = 'dead'"><xsl:value-of select="i:t('could not be delivered ({0}): send it again or cancel it.', $since)"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('delivered {0}, but the partner has not confirmed receiving it.', $since)"/></xsl:otherwise>
                </xsl:choose>
              </xsl:when>
              <xsl:otherwise>
                <strong><xsl:value-of select="$what"/></strong>
                <xsl:text> (</xsl:text><xsl:value-of select="@partner-name"/><xsl:text>): </xsl:text>
                <xsl:choose>
                  <xsl:when test="@kind = 'dead'"><xsl:value-of select="i:t('could not be delivered ({0}). The administrator has been told. If it is urgent, contact the service another way.', $since)"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('delivered {0}, but the service has not confirmed receiving it. Check with them that it arrived.', $since)"/></xsl:otherwise>
                </xsl:choose>
                <xsl:text> </xsl:text>
                <xsl:choose>
                  <xsl:when test="@log"><a href="/logs/{@log}#notices"><xsl:value-of select="i:t('relay log {0}', @reference)"/></a></xsl:when>
                  <xsl:when test="@concern"><a href="/concerns/{@concern}"><xsl:value-of select="i:t('concern {0}', @reference)"/></a></xsl:when>
                </xsl:choose>
                <xsl:if test="@kind = 'unacknowledged'">
                  <xsl:text> · </xsl:text>
                  <a href="/notices/{@notice}/confirm"><xsl:value-of select="i:t('Has it arrived? Record it')"/></a>
                </xsl:if>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ================================= two-year consultations -->
  <xsl:template match="consultations">
    <section aria-labelledby="consultations-title">
      <h2 id="consultations-title"><xsl:value-of select="i:t('Two-year consultations')"/></h2>
      <ul class="links">
        <xsl:for-each select="consultation">
          <li>
            <a href="/consultations/{@id}"><xsl:value-of select="@child"/></a>
            <xsl:text>, </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@held-on"/></xsl:call-template>
            <xsl:text> (</xsl:text>
            <xsl:value-of select="@kindergarten"/>
            <xsl:text>, </xsl:text>
            <xsl:value-of select="@health-clinic"/>
            <xsl:text>)</xsl:text>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ============================ concerns passed to a log I hold -->
  <xsl:template match="passed">
    <section class="callout handover-box" aria-labelledby="passed-title">
      <h2 id="passed-title"><xsl:value-of select="i:t('Concerns passed to you')"/></h2>
      <p><xsl:value-of select="i:t('Someone outside the relay log wrote down a concern about the child. Take it into the log, or answer its author.')"/></p>
      <ul>
        <xsl:for-each select="concern">
          <li>
            <a href="/concerns/{@id}"><xsl:value-of select="i:t('Concern {0} from {1}, for relay log {2}', @reference, @unit, @log-reference)"/></a>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template>
            <xsl:text>)</xsl:text>
            <xsl:if test="@urgent"><xsl:text> </xsl:text><strong class="tag bad"><xsl:value-of select="i:t('Urgent')"/></strong></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ============================================== handovers to me -->
  <xsl:template match="handovers">
    <section class="callout handover-box" aria-labelledby="handovers-title">
      <h2 id="handovers-title"><xsl:value-of select="i:t('Handovers waiting for your answer')"/></h2>
      <ul>
        <xsl:for-each select="handover">
          <li>
            <a href="/handovers/{@id}"><xsl:value-of select="i:t('{0} asks you to take over relay log {1}', @from, @reference)"/></a>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ================================================ relay logs -->
  <xsl:template match="logs">
    <section aria-labelledby="logs-{@scope}-title">
      <h2 id="logs-{@scope}-title">
        <xsl:choose>
          <xsl:when test="@scope = 'unit'"><xsl:value-of select="i:t('Open relay logs in the unit')"/></xsl:when>
          <xsl:when test="@scope = 'children'"><xsl:value-of select="i:t('Relay logs')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('My relay logs')"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:choose>
        <xsl:when test="not(log)">
          <p class="none">
            <xsl:choose>
              <xsl:when test="@scope = 'children'"><xsl:value-of select="i:t('There is no relay log that you can read.')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="i:t('There are no open relay logs.')"/></xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table1">
              <xsl:choose>
                <xsl:when test="@scope = 'children'"><xsl:value-of select="i:t('Relay logs')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('Open relay logs, newest first')"/></xsl:otherwise>
              </xsl:choose>
            </caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Child')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Reference')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Level')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Relay holder')"/></th>
                <xsl:if test="@scope = 'children'">
                  <th scope="col"><xsl:value-of select="i:t('Status')"/></th>
                </xsl:if>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="log">
                <tr>
                  <th scope="row"><a href="/logs/{@id}"><xsl:value-of select="@child"/></a></th>
                  <td><span class="ref small-ref"><xsl:value-of select="@reference"/></span></td>
                  <td><xsl:value-of select="@level"/></td>
                  <td><xsl:value-of select="@holder"/></td>
                  <xsl:if test="../@scope = 'children'">
                    <td><xsl:call-template name="log-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                  </xsl:if>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ============================================ measures to evaluate -->
  <xsl:template match="measures">
    <section aria-labelledby="measures-title">
      <h2 id="measures-title"><xsl:value-of select="i:t('Measures to evaluate')"/></h2>
      <xsl:choose>
        <xsl:when test="not(measure)">
          <p class="none"><xsl:value-of select="i:t('You have no active measures.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table2">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table2"><xsl:value-of select="i:t('Active measures, earliest evaluation first')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Measure')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Relay log')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Responsible')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Evaluate by')"/></th>
                <th scope="col"><span class="visually-hidden"><xsl:value-of select="i:t('Actions')"/></span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="measure">
                <tr>
                  <xsl:if test="@overdue"><xsl:attribute name="class">overdue-row</xsl:attribute></xsl:if>
                  <td><xsl:value-of select="what"/></td>
                  <td><a href="/logs/{@log}#measure-{@id}"><xsl:value-of select="@reference"/></a></td>
                  <td><xsl:value-of select="@responsible"/></td>
                  <td>
                    <xsl:call-template name="date"><xsl:with-param name="d" select="@evaluation"/></xsl:call-template>
                    <xsl:if test="@overdue"><xsl:text> </xsl:text><strong class="tag overdue"><xsl:value-of select="i:t('Past deadline')"/></strong></xsl:if>
                  </td>
                  <td>
                    <a href="/forms/evaluation?measure={@id}">
                      <xsl:value-of select="i:t('Evaluate')"/>
                      <span class="visually-hidden">: <xsl:value-of select="what"/></span>
                    </a>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ============================== feedback the family is asked for -->
  <xsl:template match="feedback-asked">
    <section class="callout" aria-labelledby="feedback-title">
      <h2 id="feedback-title"><xsl:value-of select="i:t('How did the cooperation go?')"/></h2>
      <ul>
        <xsl:for-each select="feedback">
          <li>
            <a href="/feedback/{@id}"><xsl:value-of select="i:t('Answer a few questions about the cooperation with {0}', @unit)"/></a>
            <xsl:text> (</xsl:text>
            <xsl:value-of select="i:t('asked')"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@asked"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ========================================== upcoming meetings -->
  <xsl:template match="meetings">
    <xsl:if test="meeting">
      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title"><xsl:value-of select="i:t('Upcoming meetings')"/></h2>
        <ul class="meetings">
          <xsl:for-each select="meeting">
            <li>
              <strong><xsl:call-template name="datetime"><xsl:with-param name="d" select="@starts"/></xsl:call-template></strong>
              <xsl:text>, </xsl:text>
              <xsl:value-of select="@place"/>
              <xsl:text> – </xsl:text>
              <a href="/logs/{@log}#meeting-{@id}"><xsl:value-of select="i:t('relay log {0}', @reference)"/></a>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ================================================== teams -->
  <!-- The teams the reader is in (h_home.c), and the way to all the
       municipality's teams. -->
  <xsl:template match="teams">
    <section aria-labelledby="teams-title">
      <h2 id="teams-title"><xsl:value-of select="i:t('My teams')"/></h2>
      <xsl:if test="team">
        <ul class="meetings">
          <xsl:for-each select="team">
            <li>
              <a href="/teams/{@id}"><xsl:value-of select="@name"/></a>
              <xsl:text>: </xsl:text>
              <xsl:choose>
                <xsl:when test="@next-meeting">
                  <xsl:variable name="next"><xsl:call-template name="datetime"><xsl:with-param name="d" select="@next-meeting"/></xsl:call-template></xsl:variable>
                  <xsl:value-of select="i:t('Next meeting: {0}', $next)"/>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('No meeting is planned.')"/></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@kind = 'discussion'">
                <xsl:text> – </xsl:text>
                <xsl:value-of select="i:t('concerns waiting on the agenda: {0}', @waiting)"/>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <p><a href="/teams"><xsl:value-of select="i:t('All the municipality’s teams, and where to take a concern')"/></a></p>
    </section>
  </xsl:template>

  <!-- ================================================== drafts -->
  <!-- Each draft: its form, when it was saved and when it is deleted,
       to continue or delete. Only its author sees it (h_home.c). -->
  <xsl:template match="drafts">
    <section aria-labelledby="drafts-title">
      <h2 id="drafts-title"><xsl:value-of select="i:t('My drafts')"/></h2>
      <p class="muted"><xsl:value-of select="i:t('Only you can see your drafts. Each is kept for {0} days after it was last saved, and then deleted.', @keep-days)"/></p>
      <ul class="cards drafts">
        <xsl:for-each select="draft">
          <li class="card">
            <h3 class="card-title"><a href="/forms/{@form}?draft={@id}{@context}"><xsl:value-of select="@title"/></a></h3>
            <dl class="facts">
              <dt><xsl:value-of select="i:t('Saved')"/></dt>
              <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@saved"/></xsl:call-template></dd>
              <dt><xsl:value-of select="i:t('To be deleted')"/></dt>
              <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@expires"/></xsl:call-template></dd>
            </dl>
            <div class="card-actions actions-row">
              <a class="button secondary" href="/forms/{@form}?draft={@id}{@context}">
                <xsl:value-of select="i:t('Continue')"/>
                <span class="visually-hidden"><xsl:text>: </xsl:text><xsl:value-of select="@title"/></span>
              </a>
              <form method="post" action="/drafts/{@id}/delete" class="inline">
                <input type="hidden" name="csrf" value="{/page/csrf}"/>
                <input type="hidden" name="idem" value="{/page/idem}"/>
                <button type="submit" class="link-danger">
                  <xsl:value-of select="i:t('Delete the draft')"/>
                  <span class="visually-hidden"><xsl:text>: </xsl:text><xsl:value-of select="@title"/></span>
                </button>
              </form>
            </div>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- The forms one starts from here; the forms of a case (consent,
       minutes, handover ...) are opened from its relay log, which
       they belong to. -->
  <xsl:template match="forms">
    <section aria-labelledby="forms-title">
      <h2 id="forms-title"><xsl:value-of select="i:t('Forms')"/></h2>
      <ul class="forms">
        <xsl:for-each select="form[not(@id = 'consent' or @id = 'handover' or @id = 'minutes' or @id = 'evaluation' or @id = 'referral' or @id = 'nav-notice' or @id = 'closing' or @id = 'cw-report')]">
          <li><a href="/forms/{@id}"><xsl:value-of select="@title"/></a></li>
        </xsl:for-each>
      </ul>
      <p class="muted"><xsl:value-of select="i:t('Consent, minutes, handover, evaluation, referrals, notices, reports to child welfare and the closing note are opened from the relay log or the concern they belong to.')"/></p>
    </section>
  </xsl:template>

  <!-- ================================================= concerns -->
  <xsl:template match="concerns">
    <section aria-labelledby="concerns-title">
      <h2 id="concerns-title">
        <xsl:choose>
          <xsl:when test="@scope = 'unit'"><xsl:value-of select="i:t('Open concerns in the unit')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('My open concerns')"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:choose>
        <xsl:when test="not(concern)">
          <p><xsl:value-of select="i:t('There are no open concerns.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table3">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table3"><xsl:value-of select="i:t('Concerns, earliest deadline first')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Reference')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Child')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Level')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Written')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Decide by')"/></th>
                <xsl:if test="@scope = 'unit'">
                  <th scope="col"><xsl:value-of select="i:t('Written by')"/></th>
                </xsl:if>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="concern">
                <tr>
                  <td>
                    <a href="/concerns/{@id}"><xsl:value-of select="@reference"/></a>
                    <xsl:if test="@urgent"> <strong class="tag urgent"><xsl:value-of select="i:t('Urgent')"/></strong></xsl:if>
                  </td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@anonymous"><em><xsl:value-of select="i:t('Anonymous')"/></em></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@child"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td><xsl:value-of select="@level"/></td>
                  <td><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></td>
                  <td>
                    <xsl:call-template name="date"><xsl:with-param name="d" select="@deadline"/></xsl:call-template>
                    <xsl:if test="@overdue"> <strong class="tag overdue"><xsl:value-of select="i:t('Past deadline')"/></strong></xsl:if>
                  </td>
                  <xsl:if test="../@scope = 'unit'">
                    <td><xsl:value-of select="@author"/></td>
                  </xsl:if>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
