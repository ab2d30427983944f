<?xml version="1.0" encoding="UTF-8"?>
<!--
  partners.xsl: the partner registry for the administrator: every
  partner with its kind, endpoint, authentication, the message types it
  accepts, whether it is active, failing, and has its secrets in place
  (never what they are), its queue of notices by state, and the form to
  add a partner. View: h_partner.c (<partners><partner .../></partners>,
  <error form="new" field> and <typed> after a refusal).
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
    <xsl:value-of select="i:t('Partners')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="i:t('Partners')"/></h1>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('The partner was not added. Correct this:')"/></h2>
        <ul>
          <xsl:for-each select="error">
            <li><a href="#p-{@form}-{@field}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <p class="intro"><xsl:value-of select="i:t('Partners receive referrals, notices and reports of concern at their own HTTPS address. Here you see how each is set up and how its deliveries go. You see no child’s data, and the partners’ secrets are never shown.')"/></p>
    <xsl:if test="partners/partner[@failing-since]">
      <div class="callout urgent">
        <h2><xsl:value-of select="i:t('Partners that keep failing')"/></h2>
        <ul>
          <xsl:for-each select="partners/partner[@failing-since]">
            <li>
              <a href="/admin/partners/{@id}"><xsl:value-of select="@name"/></a>
              <xsl:text>: </xsl:text>
              <xsl:variable name="since"><xsl:call-template name="datetime"><xsl:with-param name="d" select="@failing-since"/></xsl:call-template></xsl:variable>
              <xsl:value-of select="i:t('its latest deliveries all failed (since {0}).', $since)"/>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <nav class="toc" aria-label="{i:t('On this page')}">
      <ul>
        <li><a href="#registry"><xsl:value-of select="i:t('The partners')"/></a></li>
        <li><a href="#queues"><xsl:value-of select="i:t('Queues')"/></a></li>
        <li><a href="#new"><xsl:value-of select="i:t('Add a partner')"/></a></li>
      </ul>
    </nav>
    <section aria-labelledby="registry-title" id="registry">
      <h2 id="registry-title"><xsl:value-of select="i:t('The partners')"/></h2>
      <xsl:choose>
        <xsl:when test="not(partners/partner)">
          <p class="none"><xsl:value-of select="i:t('No partner is registered: referrals, notices and reports of concern wait in the queue until one is.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table1"><xsl:value-of select="i:t('Partners by name')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Name')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Kind of service')"/></th>
                <th scope="col"><xsl:value-of select="i:t('State')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Endpoint')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Authentication')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Accepts')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Secrets')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="partners/partner">
                <tr>
                  <th scope="row"><a href="/admin/partners/{@id}"><xsl:value-of select="@name"/></a></th>
                  <td><xsl:call-template name="service"><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
                  <td><xsl:call-template name="partner-state"/></td>
                  <td><code><xsl:value-of select="@endpoint"/></code></td>
                  <td><xsl:call-template name="auth-name"><xsl:with-param name="a" select="@auth"/></xsl:call-template></td>
                  <td><xsl:call-template name="accepts-list"/></td>
                  <td><xsl:call-template name="secrets-state"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section aria-labelledby="queues-title" id="queues">
      <h2 id="queues-title"><xsl:value-of select="i:t('Queues')"/></h2>
      <p><xsl:value-of select="i:t('How many notices each partner has in each state. Open a partner to see them, and to send a dead one again or cancel it.')"/></p>
      <xsl:if test="partners/partner">
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table2">
        <table class="list">
          <caption class="visually-hidden" id="{generate-id()}-table2"><xsl:value-of select="i:t('Notices per partner and state')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="i:t('Partner')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Queued')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Sending')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Failed, tried again')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Delivered, not confirmed')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Confirmed')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Dead')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Cancelled')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="partners/partner">
              <tr>
                <th scope="row"><a href="/admin/partners/{@id}#queue"><xsl:value-of select="@name"/></a></th>
                <td><xsl:value-of select="queue/@queued"/></td>
                <td><xsl:value-of select="queue/@in_flight"/></td>
                <td><xsl:value-of select="queue/@failed"/></td>
                <td><xsl:value-of select="queue/@delivered"/></td>
                <td><xsl:value-of select="queue/@acknowledged"/></td>
                <td>
                  <xsl:value-of select="queue/@dead"/>
                  <xsl:if test="queue/@dead &gt; 0">
                    <xsl:text> </xsl:text>
                    <a href="/admin/partners/{@id}?status=dead#queue"><xsl:value-of select="i:t('See the dead notices')"/><span class="visually-hidden"><xsl:text> – </xsl:text><xsl:value-of select="@name"/></span></a>
                  </xsl:if>
                </td>
                <td><xsl:value-of select="queue/@cancelled"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        </div>
      </xsl:if>
    </section>
    <section aria-labelledby="new-title" id="new">
      <h2 id="new-title"><xsl:value-of select="i:t('Add a partner')"/></h2>
      <form method="post" action="/admin/partners" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="partner-fields">
          <xsl:with-param name="form" select="'new'"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Add the partner')"/></button>
      </form>
      <p class="muted"><xsl:value-of select="i:t('Nothing is sent to a new partner until its secrets are stored on the server; its page shows the command to do it.')"/></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
