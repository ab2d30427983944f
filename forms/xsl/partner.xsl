<?xml version="1.0" encoding="UTF-8"?>
<!--
  partner.xsl: one partner for the administrator: its state (pause and
  resume), which secrets are in place and the command that stores a
  missing one on the server, the form to change it, and its queue: the
  notices in one state, or those that need watching, with their
  attempts and last answer; a dead notice can be sent again or, after a
  confirmation, cancelled. No child's data. View: h_partner.c
  (<partner/>, <notices filter><notice .../></notices>; a notice with
  @confirm-cancel asks for the confirmation; <error form="edit" field>
  and <typed> after a refusal).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_partner.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="partner/@name"/>
    <xsl:text> – </xsl:text>
    <xsl:value-of select="i:t('Partners')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="p" select="partner"/>
    <p><a href="/admin/partners"><xsl:value-of select="i:t('All partners')"/></a></p>
    <h1><xsl:value-of select="$p/@name"/></h1>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('The change was not saved. Correct this:')"/></h2>
        <ul>
          <xsl:for-each select="error">
            <li><a href="#p-{@form}-{@field}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:apply-templates select="notices/notice[@confirm-cancel]" mode="confirm"/>
    <xsl:if test="$p/@failing-since">
      <div class="callout urgent">
        <xsl:variable name="since"><xsl:call-template name="datetime"><xsl:with-param name="d" select="$p/@failing-since"/></xsl:call-template></xsl:variable>
        <p><strong><xsl:value-of select="i:t('This partner keeps failing: its latest deliveries all failed (since {0}).', $since)"/></strong></p>
        <p><xsl:value-of select="i:t('Look at the last answers below. Check the endpoint, the partner’s certificate and that the secrets are in place; ask the partner whether its service is down. The alert goes away by itself when a delivery succeeds.')"/></p>
      </div>
    </xsl:if>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('State')"/></dt>
      <dd><xsl:for-each select="$p"><xsl:call-template name="partner-state"/></xsl:for-each></dd>
      <dt><xsl:value-of select="i:t('Kind of service')"/></dt>
      <dd><xsl:call-template name="service"><xsl:with-param name="code" select="$p/@kind"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Endpoint')"/></dt>
      <dd><code><xsl:value-of select="$p/@endpoint"/></code></dd>
      <dt><xsl:value-of select="i:t('Authentication')"/></dt>
      <dd><xsl:call-template name="auth-name"><xsl:with-param name="a" select="$p/@auth"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Accepts')"/></dt>
      <dd><xsl:for-each select="$p"><xsl:call-template name="accepts-list"/></xsl:for-each></dd>
      <dt><xsl:value-of select="i:t('Id')"/></dt>
      <dd><code><xsl:value-of select="$p/@id"/></code></dd>
    </dl>
    <xsl:choose>
      <xsl:when test="$p/@status = 'active'">
        <form method="post" action="/admin/partners/{$p/@id}/pause" class="inline-form">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <button type="submit" class="secondary"><xsl:value-of select="i:t('Pause deliveries to {0}', $p/@name)"/></button>
        </form>
        <p class="hint"><xsl:value-of select="i:t('While it is paused nothing is sent to it; its notices wait and are sent when it is resumed.')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <form method="post" action="/admin/partners/{$p/@id}/resume" class="inline-form">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <button type="submit" class="primary"><xsl:value-of select="i:t('Resume deliveries to {0}', $p/@name)"/></button>
        </form>
      </xsl:otherwise>
    </xsl:choose>

    <section aria-labelledby="secrets-title" id="secrets">
      <h2 id="secrets-title"><xsl:value-of select="i:t('Secrets')"/></h2>
      <p><xsl:value-of select="i:t('The signature key, token, certificate and key are files on the server that only the delivery process can read. They are never entered here or shown again: this web service cannot read them, so a break-in here cannot take them. Someone with access to the server stores them with the command below, reading the secret from a file or the keyboard.')"/></p>
      <p><xsl:value-of select="i:t('A partner that answers notices later (receipts) needs a key of its own to sign them with, and a token, which the last command prints once.')"/></p>
      <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
      <table class="list">
        <caption class="visually-hidden" id="{generate-id()}-table1"><xsl:value-of select="i:t('Which secrets are in place')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="i:t('Secret')"/></th>
            <th scope="col"><xsl:value-of select="i:t('Needed')"/></th>
            <th scope="col"><xsl:value-of select="i:t('In place')"/></th>
            <th scope="col"><xsl:value-of select="i:t('Command on the server')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$p/secret">
            <tr>
              <th scope="row"><xsl:call-template name="secret-name"><xsl:with-param name="s" select="@name"/></xsl:call-template></th>
              <td>
                <xsl:choose>
                  <xsl:when test="@needed = 'true'"><xsl:value-of select="i:t('Yes')"/></xsl:when>
                  <xsl:when test="@needed = 'receipts'"><xsl:value-of select="i:t('For its receipts')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('No')"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <td>
                <xsl:choose>
                  <xsl:when test="@present = 'true'"><strong class="tag ok"><xsl:value-of select="i:t('Yes')"/></strong></xsl:when>
                  <xsl:when test="@needed = 'true'"><strong class="tag bad"><xsl:value-of select="i:t('Missing')"/></strong></xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('No')"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <td><code>stafett partner secret <xsl:value-of select="$p/@id"/><xsl:text> </xsl:text><xsl:value-of select="translate(@name, '_', '-')"/> &lt; FILE</code></td>
            </tr>
          </xsl:for-each>
          <tr>
            <th scope="row"><xsl:value-of select="i:t('Token of its receipts')"/></th>
            <td><xsl:value-of select="i:t('For its receipts')"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="$p/@receipt-token = 'true'"><strong class="tag ok"><xsl:value-of select="i:t('Yes')"/></strong></xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('No')"/></xsl:otherwise>
              </xsl:choose>
            </td>
            <td><code>stafett partner token <xsl:value-of select="$p/@id"/></code></td>
          </tr>
        </tbody>
      </table>
      </div>
      <p class="muted">
        <xsl:choose>
          <xsl:when test="$p/@secrets-checked">
            <xsl:variable name="at"><xsl:call-template name="datetime"><xsl:with-param name="d" select="$p/@secrets-checked"/></xsl:call-template></xsl:variable>
            <xsl:value-of select="i:t('Last checked on the server {0}. Without a signature key, and the token or certificate and key its authentication needs, nothing is sent to the partner.', $at)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('Not checked on the server yet. Without a signature key, and the token or certificate and key its authentication needs, nothing is sent to the partner.')"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </section>

    <xsl:apply-templates select="notices"/>

    <section aria-labelledby="edit-title" id="edit">
      <h2 id="edit-title"><xsl:value-of select="i:t('Change the partner')"/></h2>
      <p><xsl:value-of select="i:t('Notices waiting for it that it no longer accepts (another kind of service, a type taken off) go to whichever partner accepts them.')"/></p>
      <form method="post" action="/admin/partners/{$p/@id}" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="partner-fields">
          <xsl:with-param name="form" select="'edit'"/>
          <xsl:with-param name="p" select="$p"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Save the changes')"/></button>
      </form>
    </section>
  </xsl:template>

  <!-- ======================================================= the queue -->
  <xsl:template match="notices">
    <xsl:variable name="p" select="../partner"/>
    <section aria-labelledby="queue-title" id="queue">
      <h2 id="queue-title"><xsl:value-of select="i:t('Queue')"/></h2>
      <nav aria-label="{i:t('Show notices')}">
        <ul class="links">
          <xsl:call-template name="filter-link">
            <xsl:with-param name="value" select="'open'"/>
            <xsl:with-param name="label" select="i:t('Needing watching ({0})', $p/queue/@queued + $p/queue/@in_flight + $p/queue/@failed + $p/queue/@dead + $p/queue/@delivered)"/>
          </xsl:call-template>
          <xsl:call-template name="filter-link">
            <xsl:with-param name="value" select="'dead'"/>
            <xsl:with-param name="label" select="i:t('Dead ({0})', $p/queue/@dead)"/>
          </xsl:call-template>
          <xsl:call-template name="filter-link">
            <xsl:with-param name="value" select="'delivered'"/>
            <xsl:with-param name="label" select="i:t('Delivered, not confirmed ({0})', $p/queue/@delivered)"/>
          </xsl:call-template>
          <xsl:call-template name="filter-link">
            <xsl:with-param name="value" select="'failed'"/>
            <xsl:with-param name="label" select="i:t('Failed, tried again ({0})', $p/queue/@failed)"/>
          </xsl:call-template>
          <xsl:call-template name="filter-link">
            <xsl:with-param name="value" select="'queued'"/>
            <xsl:with-param name="label" select="i:t('Queued ({0})', $p/queue/@queued)"/>
          </xsl:call-template>
          <xsl:call-template name="filter-link">
            <xsl:with-param name="value" select="'in_flight'"/>
            <xsl:with-param name="label" select="i:t('Sending ({0})', $p/queue/@in_flight)"/>
          </xsl:call-template>
          <xsl:call-template name="filter-link">
            <xsl:with-param name="value" select="'acknowledged'"/>
            <xsl:with-param name="label" select="i:t('Confirmed ({0})', $p/queue/@acknowledged)"/>
          </xsl:call-template>
          <xsl:call-template name="filter-link">
            <xsl:with-param name="value" select="'cancelled'"/>
            <xsl:with-param name="label" select="i:t('Cancelled ({0})', $p/queue/@cancelled)"/>
          </xsl:call-template>
        </ul>
      </nav>
      <xsl:choose>
        <xsl:when test="not(notice)">
          <p class="none"><xsl:value-of select="i:t('No notices here.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p class="muted"><xsl:value-of select="i:t('Newest first, at most 200. A notice is named by its id, which the partner also has.')"/></p>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table2">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table2"><xsl:value-of select="i:t('Notices to the partner, newest first')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Notice')"/></th>
                <th scope="col"><xsl:value-of select="i:t('State')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Attempts and last answer')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Times')"/></th>
                <th scope="col"><span class="visually-hidden"><xsl:value-of select="i:t('Actions')"/></span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="notice">
                <tr id="notice-{@id}">
                  <th scope="row">
                    <code><xsl:value-of select="@id"/></code>
                    <br/>
                    <xsl:call-template name="notice-kind"><xsl:with-param name="k" select="@kind"/></xsl:call-template>
                  </th>
                  <td class="state"><strong class="tag">
                    <xsl:attribute name="class">
                      <xsl:choose>
                        <xsl:when test="@status = 'acknowledged'">tag ok</xsl:when>
                        <xsl:when test="@status = 'dead'">tag bad</xsl:when>
                        <xsl:when test="@status = 'failed'">tag warn</xsl:when>
                        <xsl:when test="@status = 'delivered'">tag info</xsl:when>
                        <xsl:otherwise>tag neutral</xsl:otherwise>
                      </xsl:choose>
                    </xsl:attribute>
                    <xsl:call-template name="state-name"><xsl:with-param name="s" select="@status"/></xsl:call-template>
                  </strong></td>
                  <td>
                    <xsl:value-of select="i:t('{0} attempts', @attempts)"/>
                    <xsl:if test="@http">
                      <br/>
                      <xsl:value-of select="i:t('Last answer: HTTP {0}', @http)"/>
                    </xsl:if>
                    <xsl:if test="error">
                      <br/>
                      <span class="muted"><xsl:value-of select="error"/></span>
                    </xsl:if>
                  </td>
                  <td>
                    <xsl:call-template name="when"><xsl:with-param name="label" select="i:t('Made')"/><xsl:with-param name="d" select="@created"/></xsl:call-template>
                    <xsl:if test="@status = 'queued' or @status = 'failed'">
                      <xsl:call-template name="when"><xsl:with-param name="label" select="i:t('Next attempt')"/><xsl:with-param name="d" select="@next"/></xsl:call-template>
                    </xsl:if>
                    <xsl:call-template name="when"><xsl:with-param name="label" select="i:t('Delivered')"/><xsl:with-param name="d" select="@delivered"/></xsl:call-template>
                    <xsl:call-template name="when"><xsl:with-param name="label" select="i:t('Confirmed')"/><xsl:with-param name="d" select="@acknowledged"/></xsl:call-template>
                    <xsl:call-template name="when"><xsl:with-param name="label" select="i:t('Given up')"/><xsl:with-param name="d" select="@dead"/></xsl:call-template>
                    <xsl:call-template name="when"><xsl:with-param name="label" select="i:t('Sent again by an administrator')"/><xsl:with-param name="d" select="@retried"/></xsl:call-template>
                  </td>
                  <td>
                    <xsl:if test="@status = 'dead'">
                      <form method="post" action="/admin/notices/{@id}/retry" class="inline-form">
                        <input type="hidden" name="csrf" value="{/page/csrf}"/>
                        <input type="hidden" name="idem" value="{/page/idem}"/>
                        <button type="submit" class="secondary small"><xsl:value-of select="i:t('Send again')"/><span class="visually-hidden"><xsl:text>: </xsl:text><xsl:value-of select="@id"/></span></button>
                      </form>
                      <form method="post" action="/admin/notices/{@id}/cancel" class="inline-form">
                        <input type="hidden" name="csrf" value="{/page/csrf}"/>
                        <input type="hidden" name="idem" value="{/page/idem}"/>
                        <button type="submit" class="link-danger"><xsl:value-of select="i:t('Cancel')"/><span class="visually-hidden"><xsl:text>: </xsl:text><xsl:value-of select="@id"/></span></button>
                      </form>
                    </xsl:if>
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

  <!-- Are you sure? Cancelling a dead notice cannot be undone. -->
  <xsl:template match="notice" mode="confirm">
    <section class="confirm" aria-labelledby="confirm-title" id="confirm">
      <h2 id="confirm-title"><xsl:value-of select="i:t('Are you sure you want to cancel notice {0}?', @id)"/></h2>
      <ul>
        <li><xsl:value-of select="i:t('It is never sent, and cannot be sent again later.')"/></li>
        <li><xsl:value-of select="i:t('The sender sees it as cancelled, and the case’s timeline says that an administrator cancelled it.')"/></li>
        <li><xsl:value-of select="i:t('If the partner still needs it, it must be sent another way.')"/></li>
      </ul>
      <div class="actions-row">
        <form method="post" action="/admin/notices/{@id}/cancel" class="inline-form">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <input type="hidden" name="confirm" value="yes"/>
          <button type="submit" class="primary danger-button"><xsl:value-of select="i:t('Yes, cancel the notice')"/></button>
        </form>
        <a href="/admin/partners/{/page/partner/@id}#notice-{@id}"><xsl:value-of select="i:t('No, keep it')"/></a>
      </div>
    </section>
  </xsl:template>

  <xsl:template name="filter-link">
    <xsl:param name="value"/>
    <xsl:param name="label"/>
    <li>
      <xsl:choose>
        <xsl:when test="/page/notices/@filter = $value">
          <strong aria-current="page"><xsl:value-of select="$label"/></strong>
        </xsl:when>
        <xsl:when test="$value = 'open'">
          <a href="/admin/partners/{/page/partner/@id}#queue"><xsl:value-of select="$label"/></a>
        </xsl:when>
        <xsl:otherwise>
          <a href="/admin/partners/{/page/partner/@id}?status={$value}#queue"><xsl:value-of select="$label"/></a>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template name="when">
    <xsl:param name="label"/>
    <xsl:param name="d"/>
    <xsl:if test="$d">
      <span class="since">
        <xsl:value-of select="$label"/>
        <xsl:text>: </xsl:text>
        <xsl:call-template name="datetime"><xsl:with-param name="d" select="$d"/></xsl:call-template>
      </span>
      <br/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="state-name">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'queued'"><xsl:value-of select="i:t('Queued')"/></xsl:when>
      <xsl:when test="$s = 'in_flight'"><xsl:value-of select="i:t('Sending')"/></xsl:when>
      <xsl:when test="$s = 'failed'"><xsl:value-of select="i:t('Failed, tried again')"/></xsl:when>
      <xsl:when test="$s = 'delivered'"><xsl:value-of select="i:t('Delivered, not confirmed')"/></xsl:when>
      <xsl:when test="$s = 'acknowledged'"><xsl:value-of select="i:t('Confirmed')"/></xsl:when>
      <xsl:when test="$s = 'dead'"><xsl:value-of select="i:t('Dead')"/></xsl:when>
      <xsl:when test="$s = 'cancelled'"><xsl:value-of select="i:t('Cancelled')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
