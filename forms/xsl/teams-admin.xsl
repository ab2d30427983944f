<?xml version="1.0" encoding="UTF-8"?>
<!--
  teams-admin.xsl: the municipality's teams for its administrator, and
  the form to add one. No concern on their agendas. View:
  h_team_admin.c (<teams><team id kind name purpose meets
  capacity-families active members next-meeting/></teams>, <error
  form="new" field> and <typed> after a refusal).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="team.xsl"/>
  <xsl:import href="_account.xsl"/>
  <xsl:import href="_team.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('Teams')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <p><a href="/"><xsl:value-of select="i:t('Start page')"/></a></p>
    <h1><xsl:value-of select="i:t('Teams')"/></h1>
    <xsl:call-template name="error-summary">
      <xsl:with-param name="title" select="i:t('The team was not added. Correct this:')"/>
    </xsl:call-template>
    <p class="intro"><xsl:value-of select="i:t('The discussion teams and the teams with an intake, and who is in them. The team’s leaders plan its meetings; its members read its agenda.')"/></p>
    <section aria-labelledby="list-title" id="list">
      <h2 id="list-title"><xsl:value-of select="i:t('The teams')"/></h2>
      <xsl:choose>
        <xsl:when test="not(teams/team)">
          <p class="none"><xsl:value-of select="i:t('The municipality has registered no team yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="{generate-id()}-table1">
          <table class="list">
            <caption class="visually-hidden" id="{generate-id()}-table1"><xsl:value-of select="i:t('Teams by name')"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('Team')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Kind of team')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Members')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="teams/team">
                <tr>
                  <th scope="row">
                    <a href="/admin/teams/{@id}"><xsl:value-of select="@name"/></a>
                    <xsl:if test="@active != 'true'"><xsl:text> </xsl:text><span class="tag neutral"><xsl:value-of select="i:t('Not active')"/></span></xsl:if>
                  </th>
                  <td><xsl:call-template name="team-kind"><xsl:with-param name="k" select="@kind"/></xsl:call-template></td>
                  <td><xsl:value-of select="@members"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section aria-labelledby="new-title" id="new">
      <h2 id="new-title"><xsl:value-of select="i:t('Add a team')"/></h2>
      <form method="post" action="/admin/teams" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <xsl:call-template name="team-fields">
          <xsl:with-param name="form" select="'new'"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Add the team')"/></button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
